using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Outbound;
using MedicalImaging.Server.Storage.Outbox;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Storage;

/// <summary>Registers where reports are kept: the embedded SQLite file, or Neo4j behind a local outbox (STORAGE_PROVIDER).</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// NEO4J_* settings, the SQLite connection factory (medimaging.db in the data directory, also used by chat history),
    /// the "neo4j" HttpClient, the outbox and its drainer, and the <see cref="IReportRepository"/> STORAGE_PROVIDER names.
    /// </summary>
    public static IServiceCollection AddReportStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Neo4jOptions>().BindSettings(configuration);
        services.AddSingleton(sp => new SqliteConnectionFactory(
            Path.Combine(sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.ResolvedDataDirectory, "medimaging.db"),
            synchronousNormal: true));
        services.AddNeo4jHttpClient();
        services.AddReportOutbox();
        services.AddSingleton<IReportRepository>(sp =>
            sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.StorageProvider == "neo4j"
                ? sp.GetRequiredService<OutboxReportRepository>()
                : new SqliteReportRepository(sp.GetRequiredService<SqliteConnectionFactory>()));
        return services;
    }
}
