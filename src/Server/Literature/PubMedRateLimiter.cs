using System.Threading.RateLimiting;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Literature;

/// <summary>
/// One limiter for every E-utilities request the server makes (all analyses share it): NCBI allows 3 requests a
/// second without an API key and 10 with PUBMED_API_KEY, and answers 429 above that (NLM KA-05510). A sliding
/// window of 1.3 s in 13 segments returns a permit no sooner than 1.2 s after it was taken, so no more than that
/// many requests start within any 1 s, with 200 ms of headroom for network jitter (a new connection's set-up
/// alone was measured at 30 ms on loopback). Waiting requests queue in order; the literature timeout bounds the wait.
/// </summary>
public sealed class PubMedRateLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1300);

    public PubMedRateLimiter(IOptions<ProviderOptions> options)
    {
        RequestsPerSecond = string.IsNullOrEmpty(options.Value.PubMedApiKey) ? 3 : 10;
        Limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = RequestsPerSecond,
            Window = Window,
            SegmentsPerWindow = 13,
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>NCBI's documented rate for the configured key: 3 without PUBMED_API_KEY, 10 with it.</summary>
    public int RequestsPerSecond { get; }

    /// <summary>The limiter itself.</summary>
    public RateLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}
