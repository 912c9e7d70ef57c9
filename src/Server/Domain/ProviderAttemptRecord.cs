namespace MedicalImaging.Server.Domain;

/// <summary>One call to a provider, for provenance.</summary>
public sealed record ProviderAttemptRecord(
    string Provider,
    string Model,
    string Outcome,
    double LatencyMs,
    long InputTokens,
    long OutputTokens,
    string? Error,
    string Purpose = "vision")
{
    /// <summary>The images this attempt sent, as fitted to the provider's profile (vision calls only).</summary>
    public IReadOnlyList<SentImage>? ImagesSent { get; init; }

    /// <summary>Images of the request left out because the provider's budget could not take them.</summary>
    public int ImagesDropped { get; init; }

    /// <summary>Size of the request body the fitting planned for (text and base64 images), bytes; 0 when not measured.</summary>
    public long RequestBytes { get; init; }
}
