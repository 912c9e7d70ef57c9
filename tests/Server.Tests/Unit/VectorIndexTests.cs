using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class VectorIndexTests
{
    private static float[] Unit(int dimension, params (int Index, float Value)[] parts)
    {
        var v = new float[dimension];
        foreach (var (i, value) in parts)
        {
            v[i] = value;
        }

        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    [Fact]
    public void Search_ReturnsTopKOfOwnerOnly_BestFirst()
    {
        using var index = new VectorIndex(new HashingEmbedder(16));
        index.Upsert("a", "r1", Unit(16, (0, 1)), "CR", "CHEST");
        index.Upsert("a", "r2", Unit(16, (0, 1), (1, 1)), "CR", "CHEST");
        index.Upsert("a", "r3", Unit(16, (1, 1)), "CT", "CHEST");
        index.Upsert("b", "r4", Unit(16, (0, 1)), "CR", "CHEST");

        var hits = index.Search(new SimilarityQuery("a", Unit(16, (0, 1)), 2));
        Assert.Equal(["r1", "r2"], hits.Select(h => h.ReportId));
        Assert.Equal(1f, hits[0].Score, 4);

        var filtered = index.Search(new SimilarityQuery("a", Unit(16, (0, 1)), 5, ExcludeReportId: "r1", Modality: "ct"));
        Assert.Equal(["r3"], filtered.Select(h => h.ReportId));
        Assert.Empty(index.Search(new SimilarityQuery("nobody", Unit(16, (0, 1)), 5)));
    }

    [Fact]
    public void Remove_KeepsOtherEntriesSearchable()
    {
        using var index = new VectorIndex(new HashingEmbedder(16));
        for (var i = 0; i < 40; i++)
        {
            index.Upsert("a", $"r{i}", Unit(16, (i % 16, 1), ((i + 1) % 16, 0.5f)), "CR", null);
        }

        Assert.True(index.Remove("a", "r3"));
        Assert.False(index.Remove("a", "r3"));
        Assert.Equal(39, index.Count);
        Assert.Null(index.Get("a", "r3"));
        var last = index.Get("a", "r39");
        Assert.NotNull(last);
        var hit = index.Search(new SimilarityQuery("a", last, 1));
        Assert.Contains(hit[0].ReportId, new[] { "r39", "r23", "r7" });
        Assert.Equal(1f, hit[0].Score, 4);
    }

    [Fact]
    public void Upsert_WrongDimension_Throws()
    {
        using var index = new VectorIndex(new HashingEmbedder(16));
        Assert.Throws<ArgumentException>(() => index.Upsert("a", "r", new float[8], "CR", null));
    }
}
