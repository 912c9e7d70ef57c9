using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Chat;

/// <summary>Registers chat about a report.</summary>
public static class ChatServiceCollectionExtensions
{
    /// <summary>The SQLite chat history (in the report database) and <see cref="ReportChat"/>.</summary>
    public static IServiceCollection AddReportChat(this IServiceCollection services)
    {
        services.AddSingleton<IChatHistoryStore, SqliteChatHistoryStore>();
        services.AddSingleton<ReportChat>();
        return services;
    }
}
