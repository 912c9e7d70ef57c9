namespace MedicalImaging.Auth.Audit;

/// <summary>What checking an audit log found: how many lines held, and the first that did not (1-based) and why.</summary>
/// <param name="Lines">Lines checked before the first break (all of them when intact).</param>
/// <param name="BrokenLine">The first line that breaks the chain, or null when the chain is intact.</param>
/// <param name="Problem">Why that line breaks it.</param>
/// <param name="Algorithm">The hash algorithm the log's lines name (sha256 or hmac-sha256), or null for an empty log.</param>
public sealed record AuditVerification(int Lines, int? BrokenLine, string? Problem, string? Algorithm)
{
    /// <summary>True when every line holds.</summary>
    public bool Intact => BrokenLine is null;
}
