namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// One owner's vectors, packed contiguously. A search scans int8 codes (a quarter of the bytes) for
/// candidates, then re-ranks the candidates with the exact float vectors.
/// </summary>
internal sealed class OwnerVectors
{
    /// <summary>Partitions larger than this are scanned by several threads.</summary>
    public const int DefaultParallelThreshold = 100_000;
    private readonly int _dimension;
    private readonly int _parallelThreshold;
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private float[] _vectors;
    private sbyte[] _codes;
    private float[] _scales;
    private string[] _ids;
    private string[] _modalities;
    private string?[] _bodyParts;

    public OwnerVectors(int dimension, int parallelThreshold = DefaultParallelThreshold)
    {
        _dimension = dimension;
        _parallelThreshold = parallelThreshold;
        _vectors = new float[dimension * 16];
        _codes = new sbyte[dimension * 16];
        _scales = new float[16];
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
        _scales[slot] = Int8Vectors.Quantize(vector, _codes.AsSpan(slot * _dimension, _dimension));
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
            _codes.AsSpan(last * _dimension, _dimension).CopyTo(_codes.AsSpan(slot * _dimension, _dimension));
            _scales[slot] = _scales[last];
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

    public void Search(SimilarityQuery query, ReadOnlySpan<sbyte> queryCodes, float queryScale, PriorityQueue<SimilarityHit, float> top)
    {
        // Pass 1: approximate scores from int8 codes keep a generous candidate set.
        var candidateCount = Math.Max(query.Limit * 4, 32);
        var codes = queryCodes.ToArray();
        int[] candidates;
        if (Count > _parallelThreshold && Environment.ProcessorCount > 1)
        {
            var parts = Environment.ProcessorCount;
            var chunk = (Count + parts - 1) / parts;
            var partial = new int[parts][];
            Parallel.For(0, parts, p => partial[p] = Candidates(query, codes, queryScale, p * chunk, Math.Min(Count, (p + 1) * chunk), candidateCount));
            candidates = partial.SelectMany(c => c).ToArray();
        }
        else
        {
            candidates = Candidates(query, codes, queryScale, 0, Count, candidateCount);
        }

        // Pass 2: exact cosine (vectors are unit length, so the dot product) on the candidates.
        var q = query.Vector.AsSpan();
        foreach (var slot in candidates)
        {
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

    private int[] Candidates(SimilarityQuery query, sbyte[] queryCodes, float queryScale, int from, int to, int count)
    {
        var heap = new PriorityQueue<int, float>(count + 1);
        for (var slot = from; slot < to; slot++)
        {
            if ((query.Modality is not null && !string.Equals(_modalities[slot], query.Modality, StringComparison.OrdinalIgnoreCase))
                || (query.BodyPart is not null && !string.Equals(_bodyParts[slot], query.BodyPart, StringComparison.OrdinalIgnoreCase))
                || string.Equals(_ids[slot], query.ExcludeReportId, StringComparison.Ordinal))
            {
                continue;
            }

            var approx = Int8Vectors.Dot(queryCodes, _codes.AsSpan(slot * _dimension, _dimension)) / (queryScale * _scales[slot]);
            if (heap.Count < count)
            {
                heap.Enqueue(slot, approx);
            }
            else if (heap.TryPeek(out _, out var lowest) && approx > lowest)
            {
                heap.DequeueEnqueue(slot, approx);
            }
        }

        var result = new int[heap.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = heap.Dequeue();
        }

        return result;
    }

    private void Grow()
    {
        var capacity = _ids.Length * 2;
        Array.Resize(ref _vectors, capacity * _dimension);
        Array.Resize(ref _codes, capacity * _dimension);
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _modalities, capacity);
        Array.Resize(ref _bodyParts, capacity);
    }
}
