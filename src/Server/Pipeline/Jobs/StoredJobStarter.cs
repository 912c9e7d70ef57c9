using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Pipeline.Feed;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// Starts a stored job on this server after its last stored event: the resume at start (<see cref="JobResumer"/>)
/// and a cluster's queue worker both run jobs this way. A job that cannot run anywhere (its images are gone, its
/// request no longer valid) gets its end stored instead.
/// </summary>
public sealed class StoredJobStarter
{
    private static readonly TimeSpan AdmissionRetryDelay = TimeSpan.FromSeconds(1);
    private readonly IJobStore _store;
    private readonly AnalysisPipeline _pipeline;
    private readonly AnalysisRunner _runner;
    private readonly AnalysisFeed _feed;
    private readonly AnalysisAdmission _admission;
    private readonly TimeProvider _time;

    public StoredJobStarter(IJobStore store, AnalysisPipeline pipeline, AnalysisRunner runner, AnalysisFeed feed, AnalysisAdmission admission, TimeProvider time)
    {
        _store = store;
        _pipeline = pipeline;
        _runner = runner;
        _feed = feed;
        _admission = admission;
        _time = time;
    }

    /// <summary>Prepares the job and starts it here, waiting for admission as long as it takes.</summary>
    /// <param name="job">The stored job.</param>
    /// <param name="couldNot">How the message of a job whose images are gone says what failed ("could not run").</param>
    /// <param name="stoppingToken">The server stopping.</param>
    public async Task<StoredJobStart> StartAsync(JobRecord job, string couldNot, CancellationToken stoppingToken)
    {
        AnalysisState state;
        try
        {
            state = await _pipeline.PrepareAsync(job.Request.ToDomain(job.OwnerId), stoppingToken, job.AnalysisId);
        }
        catch (Exception ex) when (ex is ResourceNotFoundException or InvalidRequestException)
        {
            var reason = ex is ResourceNotFoundException
                ? new ResourceNotFoundException($"Analysis {job.AnalysisId} {couldNot}: its images are no longer in the image store (deleted or erased). Send the analysis again.")
                : ex;
            await _feed.EndAsync(job.AnalysisId, reason);
            return new StoredJobStart(null, reason);
        }

        var last = await _store.ReadLastEventAsync(job.AnalysisId, stoppingToken);
        IDisposable lease;
        while (true)
        {
            try
            {
                lease = await _admission.AdmitAsync(state.MemoryEstimateBytes, stoppingToken);
                break;
            }
            catch (CapacityExceededException)
            {
                // Stored work waits its turn rather than fail: the client was promised this analysis.
                await Task.Delay(AdmissionRetryDelay, _time, stoppingToken);
            }
        }

        try
        {
            _runner.Start(state, lease, last);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        return new StoredJobStart(last, null);
    }
}

/// <summary>What became of a stored job given to <see cref="StoredJobStarter.StartAsync"/>.</summary>
/// <param name="ResumedAfter">The last stored event the run goes on after; null when it starts from the beginning.</param>
/// <param name="NotRunnable">Why the job cannot run (its end is stored with this error); null when it started.</param>
public readonly record struct StoredJobStart(JobEvent? ResumedAfter, Exception? NotRunnable)
{
    /// <summary>True when the job runs here now.</summary>
    public bool Started => NotRunnable is null;
}
