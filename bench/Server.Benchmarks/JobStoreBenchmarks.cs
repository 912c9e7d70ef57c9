using BenchmarkDotNet.Attributes;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Pipeline.Jobs.Sqlite;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// What durability costs one analysis in the SQLite job store: the job row, its ~20 progress events, the four
/// checkpoints of a provider-backed analysis (vision, literature, report, embedding, at sizes like those of a
/// one-image analysis: docs/BENCHMARKS.md), two state changes; and a watcher's full replay.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class JobStoreBenchmarks
{
    private const int Events = 20;
    // Twice the sizes a one-image chest analysis stored with fake provider answers (0.8, 0.5, 5.5, 6.4 KB; 14 events, 1.6 KB).
    private static readonly string Vision = new('v', 2 * 1024);
    private static readonly string Literature = new('l', 1024);
    private static readonly string Report = new('r', 11 * 1024);
    private static readonly string Embed = new('e', 13 * 1024);
    private string _directory = null!;
    private SqliteJobStore _store = null!;
    private int _next;
    private string _replayId = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("medimg-jobbench-").FullName;
        _store = new SqliteJobStore(Path.Combine(_directory, "jobs.db"), TimeProvider.System);
        _replayId = AnalysisAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Everything one analysis writes to the job store.</summary>
    [Benchmark]
    public Task<string> PerAnalysisWrites() => AnalysisAsync();

    /// <summary>A watcher replaying a finished analysis from sequence 0.</summary>
    [Benchmark]
    public Task<IReadOnlyList<JobEvent>> ReplayAllEvents() => _store.ReadEventsAsync(_replayId, 0, 256, CancellationToken.None);

    private async Task<string> AnalysisAsync()
    {
        var id = $"ana_{Interlocked.Increment(ref _next):x24}";
        var request = new StoredJobRequest([new StoredJobImage(0, "chest.dcm", new string('a', 64), "CR", "CHEST", null, Inline: true)], "case-1", null, new AnalysisSettings(false, 1024, null));
        await _store.CreateOrGetAsync(new JobRecord(id, "bench-user", null, "case-1", request, JobState.Queued, DateTimeOffset.UtcNow), CancellationToken.None);
        await _store.SetStateAsync(id, JobState.Running, null, CancellationToken.None);
        for (var i = 1; i <= Events; i++)
        {
            await _store.AppendEventAsync(id, new JobEvent(i, new ProgressInfo(PipelineStage.Decode, i * 5, "Decoded DICOM 512×512 CR", 0, null), null), CancellationToken.None);
            switch (i)
            {
                case 10: await _store.PutCheckpointAsync(id, "vision", Vision, CancellationToken.None); break;
                case 12: await _store.PutCheckpointAsync(id, "literature", Literature, CancellationToken.None); break;
                case 15: await _store.PutCheckpointAsync(id, "report", Report, CancellationToken.None); break;
                case 17: await _store.PutCheckpointAsync(id, "embed", Embed, CancellationToken.None); break;
            }
        }

        await _store.SetStateAsync(id, JobState.Succeeded, null, CancellationToken.None);
        return id;
    }
}
