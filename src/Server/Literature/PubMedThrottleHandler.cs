using System.Net;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace MedicalImaging.Server.Literature;

/// <summary>
/// The "pubmed" HttpClient's handler: every attempt takes a permit from the process-wide
/// <see cref="PubMedRateLimiter"/>, and a 429 (NCBI's `{"error":"API rate limit exceeded",...}`) is retried after its
/// Retry-After (1 s when absent), at most 3 times and never for longer than PROVIDER_MAX_RETRY_DELAY_SECONDS.
/// </summary>
public sealed class PubMedThrottleHandler : DelegatingHandler
{
    public const int MaxRetries = 3;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public PubMedThrottleHandler(PubMedRateLimiter limiter, IOptions<ProviderOptions> options, TimeProvider time)
    {
        var maxDelay = TimeSpan.FromSeconds(options.Value.MaxRetryDelaySeconds);
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
                    && RetryDelay(args.Outcome.Result, time) <= maxDelay),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome.Result!, time)),
            })
            .AddRateLimiter(limiter.Limiter)
            .Build();
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async (r, token) => await base.SendAsync(r, token), request, cancellationToken).AsTask();

    /// <summary>Retry-After as seconds or an HTTP date; NCBI does not always send it, so 1 s (one window) otherwise.</summary>
    internal static TimeSpan RetryDelay(HttpResponseMessage response, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
