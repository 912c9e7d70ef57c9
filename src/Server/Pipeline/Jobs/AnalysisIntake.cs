using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Pipeline.Feed;
using Microsoft.Extensions.Hosting;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// How an Analyze call becomes a running analysis: a retry with a known request id follows the earlier
/// analysis; otherwise validate, wait for admission, store the job, start it. A stopping server admits nothing.
/// </summary>
public sealed class AnalysisIntake
{
    private readonly AnalysisPipeline _pipeline;
    private readonly AnalysisAdmission _admission;
    private readonly AnalysisJobs _jobs;
    private readonly AnalysisRunner _runner;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly IJobQueue _queue;

    public AnalysisIntake(AnalysisPipeline pipeline, AnalysisAdmission admission, AnalysisJobs jobs, AnalysisRunner runner, IHostApplicationLifetime lifetime, IJobQueue queue)
    {
        _queue = queue;
        _pipeline = pipeline;
        _admission = admission;
        _jobs = jobs;
        _runner = runner;
        _lifetime = lifetime;
    }

    /// <summary>The id of the analysis the caller should follow: a new one, or the one an earlier call with the same request id started.</summary>
    /// <exception cref="ServerStoppingException">The server is stopping.</exception>
    public async Task<string> StartAsync(AnalysisRequest request, string? requestId, CancellationToken cancellationToken)
    {
        ThrowIfStopping();
        if (requestId is not null && await _jobs.FindAsync(request.OwnerId, requestId, cancellationToken) is { } earlier)
        {
            return earlier.AnalysisId;
        }

        var state = await _pipeline.PrepareAsync(request, cancellationToken);

        // Waits for memory and a slot (or answers RESOURCE_EXHAUSTED) before anything is decoded or streamed.
        var admission = await _admission.AdmitAsync(state.MemoryEstimateBytes, cancellationToken);
        try
        {
            ThrowIfStopping();
            var (job, created) = await _jobs.AcceptAsync(state, requestId, cancellationToken);
            if (!created)
            {
                admission.Dispose();
                return job.AnalysisId;
            }

            // Clustered: the job went to the shared queue and whichever replica takes it runs it.
            if (await _queue.EnqueueAsync(job, cancellationToken))
            {
                admission.Dispose();
                return job.AnalysisId;
            }

            // The analysis runs on its own; the caller follows its feed. Hanging up does not cancel it.
            return _runner.Start(state, admission);
        }
        catch
        {
            admission.Dispose();
            throw;
        }
    }

    private void ThrowIfStopping()
    {
        if (_lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new ServerStoppingException("The server is shutting down and accepts no new analysis; try again in a moment.");
        }
    }
}
