using System.Diagnostics;
using System.Reflection;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Storage;

namespace MedicalImaging.Server.Health;

/// <summary>Builds the GetHealth answer: providers, a database round trip, process resources.</summary>
public sealed class HealthReporter
{
    private static readonly string ServerVersion =
        typeof(HealthReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly IReportRepository _repository;
    private readonly IProviderHealthSource _providers;
    private readonly VectorIndex _index;
    private readonly Cluster.Health.ClusterHealthReporter? _cluster;

    public HealthReporter(IReportRepository repository, IProviderHealthSource providers, VectorIndex index, Cluster.Health.ClusterHealthReporter? cluster = null)
    {
        _repository = repository;
        _providers = providers;
        _index = index;
        _cluster = cluster;
    }

    /// <summary>
    /// All a signed-in caller may see: providers and their circuits, the database (with its error text), the process,
    /// and the count of <paramref name="ownerId"/>'s own indexed reports.
    /// </summary>
    public async Task<HealthSnapshot> GetAsync(string ownerId, CancellationToken cancellationToken)
    {
        var database = await CheckDatabaseAsync(cancellationToken);
        var providers = _providers.GetProviders();
        var cluster = _cluster is null ? null : await _cluster.GetAsync(cancellationToken);
        var status = !database.Healthy || cluster is { NatsConnected: false } ? "not_serving"
            : providers.Any(p => p.Configured && p.CircuitState == "closed") ? "serving"
            : "degraded";
        using var process = Process.GetCurrentProcess();
        var uptime = DateTime.Now - process.StartTime;
        var cpu = uptime.TotalSeconds > 0 ? process.TotalProcessorTime.TotalSeconds / uptime.TotalSeconds * 100 : 0;
        var resources = new ProcessState(process.WorkingSet64, GC.GetTotalMemory(false), Math.Round(cpu, 2), uptime.TotalSeconds, Environment.ProcessorCount);
        return new HealthSnapshot(status, ServerVersion, providers, database, resources, _index.CountOwnedBy(ownerId)) { Cluster = cluster };
    }

    /// <summary>All an anonymous caller may know: whether the server can serve (its store answers; clustered, NATS too).</summary>
    public async Task<bool> IsServingAsync(CancellationToken cancellationToken) =>
        (await CheckDatabaseAsync(cancellationToken)).Healthy
        && (_cluster is null || (await _cluster.GetAsync(cancellationToken)).NatsConnected);

    public async Task<DatabaseState> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await _repository.PingAsync(timeout.Token);
            return new DatabaseState(_repository.ProviderName, true, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null)
            {
                OutboxDepth = await OutboxDepthAsync(cancellationToken),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DatabaseState(_repository.ProviderName, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message)
            {
                OutboxDepth = await OutboxDepthAsync(cancellationToken),
            };
        }
    }

    private Task<long> OutboxDepthAsync(CancellationToken cancellationToken) =>
        (_repository is Cluster.Index.ReportChangePublishingRepository published ? published.Inner : _repository) is Storage.Outbox.OutboxReportRepository outbox
            ? outbox.DepthAsync(cancellationToken) : Task.FromResult(0L);
}
