using System.Threading.RateLimiting;
using MedicalImaging.Server.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Builds a provider's Polly pipeline: a rate limiter, retries with jittered exponential backoff on
/// transient failures (honouring the provider's Retry-After / RetryInfo), a circuit breaker (half the
/// calls failing over a minute, at least 4 calls, opens it for the short cool-down; credential, payment and
/// daily-quota and retired-model failures hold it open for the long cool-down at once, see <see cref="ExternalProvider.HoldOpenAfter"/>),
/// and a per-attempt timeout.
/// </summary>
public static class ProviderPipelineFactory
{
    public static ResiliencePipeline Create(
        ProviderOptions options, int maxRetries, CircuitBreakerStateProvider circuit, CircuitBreakerManualControl control, Action<TimeSpan> onOpened, TimeProvider time)
    {
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.ProviderRateLimitPerMinute),
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && FailureClassifier.Classify(ex, time) is { Transient: true } failure
                    && (failure.RetryAfter is null || failure.RetryAfter <= maxDelay)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && FailureClassifier.Classify(ex, time).RetryAfter is { } after ? after : (TimeSpan?)null),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(60),
                StateProvider = circuit,
                ManualControl = control,
                // A failure about one request's content (a moderation flag, a body too large) says nothing about the
                // provider's health: it must not open the circuit for everyone else.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && !FailureClassifier.Classify(ex, time).RequestSpecific),
                OnOpened = args =>
                {
                    onOpened(args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                BreakDuration = TimeSpan.FromSeconds(options.ShortCooldownSeconds),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.ProviderTimeoutSeconds))
            .Build();
    }
}
