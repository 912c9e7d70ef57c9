using System.Threading.RateLimiting;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Per-user sliding-window limit on costly calls (analyze, upload, chat):
/// RATE_LIMIT_REQUESTS_PER_MINUTE a minute. Reads are not limited.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public UserRateLimiter(IOptions<MedicalImagingOptions> options)
    {
        var permits = options.Value.RateLimitRequestsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetSlidingWindowLimiter(user, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
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
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
            throw new RateLimitExceededException(
                $"Rate limit exceeded for {operation}: at most RATE_LIMIT_REQUESTS_PER_MINUTE costly calls a minute per user. Retry in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
                retryAfter);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
