using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Storage.Neo4j;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>Registers the Neo4j store behind the outbox (data directory/outbox.db) and its drainer.</summary>
public static class OutboxRegistration
{
    /// <summary>The outbox file in the data directory.</summary>
    public const string FileName = "outbox.db";

    public static IServiceCollection AddReportOutbox(this IServiceCollection services)
    {
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton(sp => new ReportOutbox(
            new SqliteConnectionFactory(Path.Combine(sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory, FileName)),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OutboxReportRepository(
            new Neo4jReportRepository(new Neo4jHttpClient(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<Neo4jOptions>>().Value)),
            sp.GetRequiredService<ReportOutbox>(),
            sp.GetRequiredService<OutboxMetrics>(),
            sp.GetRequiredService<ILogger<OutboxReportRepository>>()));
        services.AddHostedService(sp => new OutboxDrainer(
            sp.GetRequiredService<OutboxReportRepository>, sp.GetRequiredService<OutboxMetrics>(),
            sp.GetRequiredService<IOptions<MedicalImagingOptions>>(), sp.GetRequiredService<IOptions<Neo4jOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OutboxDrainer>>()));
        return services;
    }
}
