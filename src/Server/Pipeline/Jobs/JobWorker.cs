namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// This server process as a job worker: the jobs it accepts carry its id, so the resume at start takes only
/// jobs an earlier process left (a process id alone repeats: a container's server is always pid 1).
/// </summary>
public sealed class JobWorker
{
    /// <summary>host:pid:random, new for every process start.</summary>
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
