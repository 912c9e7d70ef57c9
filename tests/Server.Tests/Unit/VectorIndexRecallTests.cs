using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>
/// The int8 scan + exact re-rank measured against brute force on clustered vectors (reports of one kind sit close
/// together, which is where approximate scores tie most), in the serial and the multi-threaded scan.
/// </summary>
public sealed class VectorIndexRecallTests
{
    private const int Dimension = 256;
    private const int Vectors = 12_000;
    private const int Clusters = 40;
    private const int Queries = 200;
    private const int K = 10;

    [Theory]
    [InlineData(0.06f, 0.99)]
    [InlineData(0.02f, 0.95)]
    public void Search_12kClusteredVectors_RecallAt10AgainstBruteForceAboveFloor_ParallelScanAtLeastAsGood(float spread, double floor)
    {
        var random = new Random(20261205);
        var centres = Enumerable.Range(0, Clusters).Select(_ => Normalise(Gaussian(random, 1f))).ToArray();
        var vectors = Enumerable.Range(0, Vectors).Select(i => Normalise(Add(centres[i % Clusters], Gaussian(random, spread)))).ToArray();
        var queries = Enumerable.Range(0, Queries).Select(i => Normalise(Add(centres[random.Next(Clusters)], Gaussian(random, spread)))).ToArray();

        using var serial = new VectorIndex(new HashingEmbedder(Dimension));
        using var parallel = new VectorIndex(new HashingEmbedder(Dimension), parallelThreshold: 1_000);
        for (var i = 0; i < Vectors; i++)
        {
            serial.Upsert("owner", $"r{i}", vectors[i], "CR", "CHEST");
            parallel.Upsert("owner", $"r{i}", vectors[i], "CR", "CHEST");
        }

        var found = 0;
        var parallelFound = 0;
        var covered = 0;
        foreach (var query in queries)
        {
            var exact = vectors
                .Select((v, i) => (Id: $"r{i}", Score: System.Numerics.Tensors.TensorPrimitives.Dot(query, v)))
                .OrderByDescending(x => x.Score)
                .Take(K)
                .Select(x => x.Id)
                .ToHashSet(StringComparer.Ordinal);
            var hits = serial.Search(new SimilarityQuery("owner", query, K));
            var parallelHits = parallel.Search(new SimilarityQuery("owner", query, K));

            Assert.Equal(K, hits.Count);
            Assert.Equal(K, parallelHits.Count);
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
            // The threads each keep their part's best int8 candidates: a superset of the serial scan's, so after the
            // exact re-rank the parallel answer is never worse.
            Assert.True(parallelHits.Sum(h => h.Score) >= hits.Sum(h => h.Score) - 1e-4f, "parallel scan worse than serial");
            found += hits.Count(h => exact.Contains(h.ReportId));
            parallelFound += parallelHits.Count(h => exact.Contains(h.ReportId));
            covered++;
        }

        Assert.Equal(Queries, covered);
        var recall = (double)found / (Queries * K);
        var parallelRecall = (double)parallelFound / (Queries * K);
        Console.WriteLine($"VectorIndex recall@{K}, {Vectors} vectors in {Clusters} clusters (spread {spread}), {Queries} queries: serial {recall:F4}, parallel {parallelRecall:F4}");
        Assert.True(recall >= floor, $"serial recall@{K} {recall:F4} < {floor}");
        Assert.True(parallelRecall >= floor, $"parallel recall@{K} {parallelRecall:F4} < {floor}");
    }

    private static float[] Gaussian(Random random, float sigma)
    {
        var v = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            // Box–Muller.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            v[i] = (float)(sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return v;
    }

    private static float[] Add(float[] a, float[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    private static float[] Normalise(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
