using System.Threading.RateLimiting;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Per-user sliding-window limit on costly calls (analyze, upload, chat):
/// RATE_LIMIT_REQUESTS_PER_MINUTE a minute. Reads are not limited.
/// </summary>
public sealed class UserRateLimiter : IUserRateLimiter, IDisposable
{
    /// <summary>The window the permits are counted over.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter;

    public UserRateLimiter(IOptions<MedicalImagingOptions> options)
    {
        var permits = options.Value.RateLimitRequestsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetSlidingWindowLimiter(user, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one permit for <paramref name="userId"/>.</summary>
    /// <exception cref="RateLimitExceededException">The user has used up the minute's permits.</exception>
    public void EnsureAllowed(string userId, string operation)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (!lease.IsAcquired)
        {
            // A sliding window gives a permit back only when the segment it was taken in leaves the window, up to a
            // whole window later; the limiter names neither that segment nor the time (it offered no RetryAfter and
            // the server said 10 s, when a retry then was refused again). The whole window is never too early.
            var retryAfter = Window;
            throw new RateLimitExceededException(
                $"Rate limit exceeded for {operation}: at most RATE_LIMIT_REQUESTS_PER_MINUTE costly calls a minute per user. Retry in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
                retryAfter);
        }
    }

    public ValueTask EnsureAllowedAsync(string userId, string operation, CancellationToken cancellationToken)
    {
        EnsureAllowed(userId, operation);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _limiter.Dispose();
}
