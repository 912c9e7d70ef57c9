namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>The embedded default: every analysis runs in the process that accepted it.</summary>
public sealed class LocalJobQueue : IJobQueue
{
    public ValueTask<bool> EnqueueAsync(JobRecord job, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
