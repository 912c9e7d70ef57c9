namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// In-process cosine index over unit vectors, partitioned by owner so a search scans only the
/// caller's reports. Loaded from the repository at start and kept in step with writes and deletes.
/// </summary>
public sealed class VectorIndex : IDisposable
{
    private readonly Dictionary<string, OwnerVectors> _owners = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _lock = new();

    private readonly IEmbedder _embedder;
    private readonly int _parallelThreshold;

    public VectorIndex(IEmbedder embedder)
        : this(embedder, OwnerVectors.DefaultParallelThreshold)
    {
    }

    /// <summary>With another size above which one owner's vectors are scanned by several threads (tests reach that branch with fewer vectors).</summary>
    internal VectorIndex(IEmbedder embedder, int parallelThreshold)
    {
        _embedder = embedder;
        _parallelThreshold = parallelThreshold;
    }

    /// <summary>Vector length every entry has: the embedder's, which a remote model without EMBEDDING_DIMENSION learns at start.</summary>
    public int Dimension => _embedder.Dimension;

    /// <summary>The embedding model the index holds.</summary>
    public string Model => _embedder.Model;

    /// <summary>Entries in the index.</summary>
    public long Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _owners.Values.Sum(o => (long)o.Count);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Entries of one owner (what GetHealth shows its caller: never the other users' counts).</summary>
    public long CountOwnedBy(string ownerId)
    {
        _lock.EnterReadLock();
        try
        {
            return _owners.TryGetValue(ownerId, out var owner) ? owner.Count : 0;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Adds or replaces a report's vector.</summary>
    public void Upsert(string ownerId, string reportId, ReadOnlySpan<float> vector, string modality, string? bodyPart)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"Vector has {vector.Length} dimensions; the index holds {Dimension}.", nameof(vector));
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_owners.TryGetValue(ownerId, out var owner))
            {
                _owners[ownerId] = owner = new OwnerVectors(Dimension, _parallelThreshold);
            }

            owner.Upsert(reportId, vector, modality, bodyPart);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a report's vector; false when absent.</summary>
    public bool Remove(string ownerId, string reportId)
    {
        _lock.EnterWriteLock();
        try
        {
            return _owners.TryGetValue(ownerId, out var owner) && owner.Remove(reportId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A copy of a report's vector, or null.</summary>
    public float[]? Get(string ownerId, string reportId)
    {
        _lock.EnterReadLock();
        try
        {
            return _owners.TryGetValue(ownerId, out var owner) && owner.TryGet(reportId, out var vector) ? vector.ToArray() : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The most similar of the owner's reports, best first.</summary>
    public IReadOnlyList<SimilarityHit> Search(SimilarityQuery query)
    {
        if (query.Vector.Length != Dimension || query.Limit <= 0)
        {
            return [];
        }

        var top = new PriorityQueue<SimilarityHit, float>(query.Limit + 1);
        Span<sbyte> codes = stackalloc sbyte[Dimension];
        var scale = Int8Vectors.Quantize(query.Vector, codes);
        _lock.EnterReadLock();
        try
        {
            if (_owners.TryGetValue(query.OwnerId, out var owner))
            {
                owner.Search(query, codes, scale, top);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var hits = new SimilarityHit[top.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            hits[i] = top.Dequeue();
        }

        return hits;
    }

    public void Dispose() => _lock.Dispose();
}
