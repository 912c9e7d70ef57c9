using BenchmarkDotNet.Attributes;
using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// FindSimilar's core: top-5 cosine search over stored 256-d report vectors. "Owners" is how the
/// reports are spread: 1 owner = the worst case (every vector is the caller's), 1000 owners = a
/// multi-tenant deployment where the owner partition keeps each search to the caller's reports.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class VectorIndexBenchmarks
{
    private VectorIndex _index = null!;
    private float[] _query = null!;

    [Params(100_000, 1_000_000)]
    public int Reports { get; set; }

    [Params(1, 1000)]
    public int Owners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var embedder = new HashingEmbedder();
        _index = new VectorIndex(embedder);
        var random = new Random(42);
        var vector = new float[embedder.Dimension];
        for (var i = 0; i < Reports; i++)
        {
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = (float)(random.NextDouble() - 0.5);
            }

            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] /= norm;
            }

            _index.Upsert($"owner-{i % Owners}", $"rpt_{i:x24}", vector, i % 3 == 0 ? "CT" : "CR", "CHEST");
        }

        _query = embedder.Embed("CR CHEST rounded opacity right upper zone lung field asymmetry");
    }

    [Benchmark]
    public int FindSimilarTop5() => _index.Search(new SimilarityQuery("owner-0", _query, 5)).Count;

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();
}
