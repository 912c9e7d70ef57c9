using System.Collections.Concurrent;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Per-user sliding-window limit on costly calls (analyze, upload, chat):
/// RATE_LIMIT_REQUESTS_PER_MINUTE a minute. Reads are not limited. The window runs on the injected
/// <see cref="TimeProvider"/> (System.Threading.RateLimiting's limiters read the stopwatch only, so a test could
/// not move them on), which is what lets a test prove the window refills.
/// </summary>
public sealed class UserRateLimiter : IUserRateLimiter
{
    /// <summary>The window the permits are counted over.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>A permit comes back when its 10 s segment leaves the window: 50 to 60 s after it was taken.</summary>
    private const int SegmentsPerWindow = 6;

    /// <summary>Idle users are forgotten every this many calls, so the table holds only users of the last minute.</summary>
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, SlidingWindowCounter> _users = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly int _permits;
    private int _calls;

    public UserRateLimiter(IOptions<MedicalImagingOptions> options, TimeProvider timeProvider)
    {
        _permits = options.Value.RateLimitRequestsPerMinute;
        _time = timeProvider;
        _start = timeProvider.GetTimestamp();
    }

    /// <summary>Takes one permit for <paramref name="userId"/>.</summary>
    /// <exception cref="RateLimitExceededException">The user has used up the minute's permits.</exception>
    public void EnsureAllowed(string userId, string operation)
    {
        var segment = CurrentSegment();
        if (Interlocked.Increment(ref _calls) % SweepEvery == 0)
        {
            foreach (var (user, counter) in _users)
            {
                if (counter.IsIdle(segment))
                {
                    _users.TryRemove(user, out _);
                }
            }
        }

        if (!_users.GetOrAdd(userId, _ => new SlidingWindowCounter(_permits, SegmentsPerWindow)).TryTake(segment))
        {
            // The permit that frees first was taken in some segment of the last minute, and the caller cannot see
            // which: the whole window is never too early (a 10 s hint once was, and the retry was refused again).
            var retryAfter = Window;
            throw new RateLimitExceededException(
                $"Rate limit exceeded for {operation}: at most RATE_LIMIT_REQUESTS_PER_MINUTE costly calls a minute per user. Retry in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
                retryAfter);
        }
    }

    /// <inheritdoc/>
    public ValueTask EnsureAllowedAsync(string userId, string operation, CancellationToken cancellationToken)
    {
        EnsureAllowed(userId, operation);
        return ValueTask.CompletedTask;
    }

    private long CurrentSegment() => _time.GetElapsedTime(_start).Ticks / (Window.Ticks / SegmentsPerWindow);
}
