namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>Where a durable analysis stands.</summary>
public enum JobState
{
    /// <summary>Accepted; not running in any process (new, or left by a stop or a crash): resumed at the next start.</summary>
    Queued = 1,

    /// <summary>Running in a process; a crash leaves it so, and the next start resumes it.</summary>
    Running = 2,

    /// <summary>Finished with a result (the last event).</summary>
    Succeeded = 3,

    /// <summary>Finished with an error.</summary>
    Failed = 4,
}
