namespace MedicalImaging.Server.Providers.Chain;

/// <summary>The last <see cref="Capacity"/> outcomes of a provider, for its success rate in GetHealth.</summary>
public sealed class OutcomeWindow
{
    public const int Capacity = 100;
    private readonly bool[] _outcomes = new bool[Capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public void Record(bool success)
    {
        lock (_lock)
        {
            _outcomes[_next] = success;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>Success share (1 when nothing was recorded) and the number of outcomes it covers.</summary>
    public (double Rate, int Count) Snapshot()
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return (1, 0);
            }

            var successes = 0;
            for (var i = 0; i < _count; i++)
            {
                successes += _outcomes[i] ? 1 : 0;
            }

            return ((double)successes / _count, _count);
        }
    }
}
