namespace MedicalImaging.Server.Embeddings;

/// <summary>One owner's vectors, packed contiguously so a search is a linear SIMD scan.</summary>
internal sealed class OwnerVectors
{
    private readonly int _dimension;
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private float[] _vectors;
    private string[] _ids;
    private string[] _modalities;
    private string?[] _bodyParts;

    public OwnerVectors(int dimension)
    {
        _dimension = dimension;
        _vectors = new float[dimension * 16];
        _ids = new string[16];
        _modalities = new string[16];
        _bodyParts = new string?[16];
    }

    public int Count { get; private set; }

    public void Upsert(string id, ReadOnlySpan<float> vector, string modality, string? bodyPart)
    {
        if (!_slotById.TryGetValue(id, out var slot))
        {
            if (Count == _ids.Length)
            {
                Grow();
            }

            slot = Count++;
            _slotById[id] = slot;
        }

        vector.CopyTo(_vectors.AsSpan(slot * _dimension, _dimension));
        _ids[slot] = id;
        _modalities[slot] = modality;
        _bodyParts[slot] = bodyPart;
    }

    public bool Remove(string id)
    {
        if (!_slotById.Remove(id, out var slot))
        {
            return false;
        }

        // Move the last entry into the hole so the block stays dense.
        var last = --Count;
        if (slot != last)
        {
            _vectors.AsSpan(last * _dimension, _dimension).CopyTo(_vectors.AsSpan(slot * _dimension, _dimension));
            _ids[slot] = _ids[last];
            _modalities[slot] = _modalities[last];
            _bodyParts[slot] = _bodyParts[last];
            _slotById[_ids[slot]] = slot;
        }

        _ids[last] = null!;
        _bodyParts[last] = null;
        return true;
    }

    public bool TryGet(string id, out ReadOnlySpan<float> vector)
    {
        if (_slotById.TryGetValue(id, out var slot))
        {
            vector = _vectors.AsSpan(slot * _dimension, _dimension);
            return true;
        }

        vector = default;
        return false;
    }

    public void Search(SimilarityQuery query, PriorityQueue<SimilarityHit, float> top)
    {
        var q = query.Vector.AsSpan();
        for (var slot = 0; slot < Count; slot++)
        {
            if ((query.Modality is not null && !string.Equals(_modalities[slot], query.Modality, StringComparison.OrdinalIgnoreCase))
                || (query.BodyPart is not null && !string.Equals(_bodyParts[slot], query.BodyPart, StringComparison.OrdinalIgnoreCase))
                || string.Equals(_ids[slot], query.ExcludeReportId, StringComparison.Ordinal))
            {
                continue;
            }

            // Vectors are unit length, so the dot product is the cosine.
            var score = System.Numerics.Tensors.TensorPrimitives.Dot(q, _vectors.AsSpan(slot * _dimension, _dimension));
            if (score < query.MinScore)
            {
                continue;
            }

            if (top.Count < query.Limit)
            {
                top.Enqueue(new SimilarityHit(_ids[slot], score), score);
            }
            else if (top.TryPeek(out _, out var lowest) && score > lowest)
            {
                top.DequeueEnqueue(new SimilarityHit(_ids[slot], score), score);
            }
        }
    }

    private void Grow()
    {
        var capacity = _ids.Length * 2;
        Array.Resize(ref _vectors, capacity * _dimension);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _modalities, capacity);
        Array.Resize(ref _bodyParts, capacity);
    }
}
