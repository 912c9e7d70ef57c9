namespace MedicalImaging.Server.Pipeline;

/// <summary>How one run of an analysis starts and may be stopped.</summary>
/// <param name="LastSequence">The last event an earlier run stored (0 for a new analysis): this run numbers on from it.</param>
/// <param name="LastPercent">The percent that event reached (progress never goes back).</param>
/// <param name="Drain">Cancelled when the server stops: the run ends at its next stage boundary (after a checkpoint).</param>
public sealed record RunContext(long LastSequence = 0, int LastPercent = 0, CancellationToken Drain = default)
{
    /// <summary>True when an earlier run of the analysis stored events (it is being resumed).</summary>
    public bool Resumed => LastSequence > 0;
}
