namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// Where an accepted analysis runs: in this process (the embedded default), or on whichever replica takes it
/// from a shared work queue (CLUSTER_MODE=nats).
/// </summary>
public interface IJobQueue
{
    /// <summary>True when the stored job was handed to the shared queue (some replica runs it); false: run it here.</summary>
    ValueTask<bool> EnqueueAsync(JobRecord job, CancellationToken cancellationToken);
}
