using System.Diagnostics.Metrics;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Outbox;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalImaging.Server.Tests.Storage.Outbox;

/// <summary>Builds an outbox on a real SQLite file and the decorator over a real store.</summary>
internal static class OutboxTestParts
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static ReportOutbox NewOutbox(string directory) =>
        new(new SqliteConnectionFactory(Path.Combine(directory, OutboxRegistration.FileName)), TimeProvider.System);

    public static OutboxReportRepository Over(IReportRepository store, ReportOutbox outbox) =>
        new(store, outbox, new OutboxMetrics(Meters), NullLogger<OutboxReportRepository>.Instance);
}
