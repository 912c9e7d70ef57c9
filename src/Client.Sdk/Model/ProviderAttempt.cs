namespace MedicalImaging.Client;

/// <summary>One provider call.</summary>
/// <param name="Provider">Provider.</param>
/// <param name="Model">Model.</param>
/// <param name="Outcome">success, timeout, rate_limited, …</param>
/// <param name="LatencyMs">Duration.</param>
/// <param name="Purpose">vision or report.</param>
/// <param name="Error">What failed, if anything.</param>
public sealed record ProviderAttempt(string Provider, string Model, string Outcome, double LatencyMs, string Purpose, string? Error)
{
    /// <summary>The images a vision attempt sent, as fitted to the provider's limits (empty for other calls).</summary>
    public IReadOnlyList<SentImage> ImagesSent { get; init; } = [];

    /// <summary>Images left out of the attempt to stay within the provider's limits.</summary>
    public int ImagesDropped { get; init; }
}
