namespace MedicalImaging.Server.Cluster;

/// <summary>
/// Where events 1..n of one analysis sit in the events stream (their stream sequences), as far as this
/// replica has seen them: an append needs the stream sequence of the event before it (JetStream's expected
/// last subject sequence), and a read after event k starts just past it instead of at the subject's start.
/// </summary>
internal sealed class EventPositions
{
    private readonly Lock _gate = new();
    private readonly List<ulong> _streamSequences = [];

    /// <summary>Events known (1..Count).</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _streamSequences.Count;
            }
        }
    }

    /// <summary>The stream sequence of event <paramref name="sequence"/> (≥ 1), or null when not known here.</summary>
    public ulong? StreamSequenceOf(long sequence)
    {
        lock (_gate)
        {
            return sequence >= 1 && sequence <= _streamSequences.Count ? _streamSequences[(int)sequence - 1] : null;
        }
    }

    /// <summary>Records event <paramref name="sequence"/> at <paramref name="streamSequence"/> when it is the next one known.</summary>
    public void Record(long sequence, ulong streamSequence)
    {
        lock (_gate)
        {
            if (sequence == _streamSequences.Count + 1)
            {
                _streamSequences.Add(streamSequence);
            }
        }
    }

    /// <summary>Forgets what was known (after a conflict: another writer appended).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _streamSequences.Clear();
        }
    }
}
