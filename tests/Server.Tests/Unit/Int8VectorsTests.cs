using System.Numerics.Tensors;
using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class Int8VectorsTests
{
    [Fact]
    public void Dot_MatchesScalarSum_ForSimdAndTailLengths()
    {
        var random = new Random(3);
        foreach (var length in new[] { 5, 32, 33, 256, 300 })
        {
            var a = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            var expected = a.Zip(b, (x, y) => x * y).Sum();
            Assert.Equal(expected, Int8Vectors.Dot(a, b));
        }
    }

    [Fact]
    public void QuantizedCosine_IsWithinOnePercentOfExact()
    {
        var embedder = new HashingEmbedder();
        var x = embedder.Embed("CR CHEST rounded opacity right upper zone");
        var y = embedder.Embed("CR CHEST opacity right upper lobe, asymmetry of lung fields");
        var cx = new sbyte[256];
        var cy = new sbyte[256];
        var sx = Int8Vectors.Quantize(x, cx);
        var sy = Int8Vectors.Quantize(y, cy);
        var approx = Int8Vectors.Dot(cx, cy) / (sx * sy);
        Assert.Equal(TensorPrimitives.Dot(x, y), approx, 0.01f);
    }
}
