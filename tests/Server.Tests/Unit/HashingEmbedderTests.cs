using System.Numerics.Tensors;
using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class HashingEmbedderTests
{
    private readonly HashingEmbedder _embedder = new();

    [Fact]
    public void Embed_AnyText_UnitLengthAndDeterministic()
    {
        var a = _embedder.Embed("Nodular opacity in the right upper lobe");
        Assert.Equal(256, a.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(a), 3);
        Assert.Equal(a, _embedder.Embed("Nodular opacity in the right upper lobe"));
    }

    [Fact]
    public void Embed_RelatedTexts_CloserThanUnrelated()
    {
        var query = _embedder.Embed("CR CHEST nodular opacity right upper lobe lung field asymmetry");
        var related = _embedder.Embed("CR CHEST opacity in the right upper lobe, lung field asymmetry");
        var unrelated = _embedder.Embed("MR HEAD periventricular white matter hyperintensities");
        Assert.True(TensorPrimitives.Dot(query, related) > TensorPrimitives.Dot(query, unrelated) + 0.3f);
    }

    [Fact]
    public void Embed_Empty_ZeroVector()
    {
        Assert.All(_embedder.Embed(string.Empty), v => Assert.Equal(0f, v));
    }
}
