using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>
/// The per-user window (RATE_LIMIT_REQUESTS_PER_MINUTE) refills with the clock: driven by a FakeTimeProvider, so
/// no test waits a minute and none depends on how busy the machine is.
/// </summary>
public sealed class UserRateLimiterTests
{
    private const int Permits = 3;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly UserRateLimiter _limiter;

    public UserRateLimiterTests() =>
        _limiter = new UserRateLimiter(Options.Create(new MedicalImagingOptions { RateLimitRequestsPerMinute = Permits }), _clock);

    [Fact]
    public void EnsureAllowed_OneOverTheLimit_RefusedWithTheWholeWindowAsRetryDelay()
    {
        TakeAll("ana");

        var refused = Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("ana", "Analyze"));
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);
        Assert.Contains("Analyze", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureAllowed_ClockAdvancedOneWindow_AllowedAgainForAWholeWindowsWorth()
    {
        TakeAll("ben");
        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("ben", "Analyze"));

        _clock.Advance(TimeSpan.FromMinutes(1));

        TakeAll("ben");
        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("ben", "Analyze"));
    }

    [Fact]
    public void EnsureAllowed_ClockAdvancedLessThanTheSlidingWindow_StillRefused()
    {
        TakeAll("cai");

        // The permits were taken in the window's first 10 s segment: it leaves the window only 60 s after it began.
        _clock.Advance(TimeSpan.FromSeconds(59));

        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("cai", "Chat"));
    }

    [Fact]
    public void EnsureAllowed_PermitsTakenAcrossSegments_ComeBackSegmentBySegment()
    {
        _limiter.EnsureAllowed("dee", "Upload");
        _clock.Advance(TimeSpan.FromSeconds(30));
        _limiter.EnsureAllowed("dee", "Upload");
        _limiter.EnsureAllowed("dee", "Upload");
        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("dee", "Upload"));

        // 60 s after the start the first segment (one permit) leaves the window; the two taken at 30 s still count.
        _clock.Advance(TimeSpan.FromSeconds(30));
        _limiter.EnsureAllowed("dee", "Upload");
        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("dee", "Upload"));

        // At 90 s their segment leaves too.
        _clock.Advance(TimeSpan.FromSeconds(30));
        _limiter.EnsureAllowed("dee", "Upload");
        _limiter.EnsureAllowed("dee", "Upload");
        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("dee", "Upload"));
    }

    [Fact]
    public void EnsureAllowed_OneUserAtTheLimit_OtherUsersUnaffected()
    {
        TakeAll("eve");

        TakeAll("fox");
        Assert.Throws<RateLimitExceededException>(() => _limiter.EnsureAllowed("eve", "Analyze"));
    }

    private void TakeAll(string user)
    {
        for (var i = 0; i < Permits; i++)
        {
            _limiter.EnsureAllowed(user, "Analyze");
        }
    }
}
