namespace MedicalImaging.Server.Security;

/// <summary>
/// One user's permits over a sliding window cut into segments: a permit counts from the segment it was taken in
/// until that segment leaves the window. Segments are numbered by the caller from its clock, so the counter itself
/// reads no time and a test can drive it with a fake clock.
/// </summary>
internal sealed class SlidingWindowCounter(int permitLimit, int segmentsPerWindow)
{
    private readonly int[] _taken = new int[segmentsPerWindow];
    private readonly Lock _lock = new();
    private long _segment;
    private int _total;

    /// <summary>Takes a permit in <paramref name="segment"/>, or answers false when the window's permits are used up.</summary>
    public bool TryTake(long segment)
    {
        lock (_lock)
        {
            Advance(segment);
            if (_total >= permitLimit)
            {
                return false;
            }

            _taken[segment % segmentsPerWindow]++;
            _total++;
            return true;
        }
    }

    /// <summary>True when no permit taken before <paramref name="segment"/> still counts (the user can be forgotten).</summary>
    public bool IsIdle(long segment)
    {
        lock (_lock)
        {
            Advance(segment);
            return _total == 0;
        }
    }

    private void Advance(long segment)
    {
        if (segment <= _segment)
        {
            return;
        }

        // The slots of the segments between the last one seen and now held segments that have left the window.
        var steps = Math.Min(segment - _segment, segmentsPerWindow);
        for (var s = _segment + 1; s <= _segment + steps; s++)
        {
            var slot = (int)(s % segmentsPerWindow);
            _total -= _taken[slot];
            _taken[slot] = 0;
        }

        _segment = segment;
    }
}
