namespace MedicalImaging.Server.Reports;

/// <summary>One call to a provider, for provenance.</summary>
public sealed record ProviderAttemptRecord(
    string Provider,
    string Model,
    string Outcome,
    double LatencyMs,
    long InputTokens,
    long OutputTokens,
    string? Error,
    string Purpose = "vision");
