using System.Numerics.Tensors;
using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>GloVe's text format, written by the test: related words share directions.</summary>
public sealed class GloveEmbedderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("glove-").FullName;

    public static string WriteGloveFile(string directory, string name = "glove.test.6d.txt")
    {
        // 6 dimensions: [lung, nodule-ness, brain, white-matter, bone, generic]
        string[] lines =
        [
            "the 0 0 0 0 0 0.1",
            "nodule 0.2 1 0 0 0 0",
            "nodular 0.2 0.95 0 0 0 0.05",
            "opacity 0.5 0.7 0 0 0 0",
            "lung 1 0.2 0 0 0 0",
            "lobe 0.9 0.1 0 0 0 0",
            "chest 0.8 0 0 0 0.2 0",
            "brain 0 0 1 0.3 0 0",
            "white 0 0 0.3 1 0 0.1",
            "matter 0 0 0.3 0.9 0 0.1",
            "hyperintensities 0 0 0.5 0.8 0 0",
            "fracture 0 0 0 0 1 0",
            "nodule 9 9 9 9 9 9",
        ];
        var path = Path.Combine(directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Load_ReadsVocabularyAndDimension_ModelNamesFileAndDimension()
    {
        var embedder = GloveEmbedder.Load(WriteGloveFile(_directory));
        Assert.Equal(6, embedder.Dimension);
        Assert.Equal(12, embedder.VocabularySize); // the repeated "nodule" keeps its first vector
        Assert.Equal("glove-glove.test.6d-6", embedder.Model);
    }

    [Fact]
    public void Embed_RelatedTextsAreCloser_UnknownWordsSkipped_UnitLength()
    {
        var embedder = GloveEmbedder.Load(WriteGloveFile(_directory));
        var query = embedder.Embed("Nodular opacity in the right upper lobe");
        var related = embedder.Embed("CHEST: lung nodule");
        var unrelated = embedder.Embed("Periventricular white matter hyperintensities in the brain");

        Assert.Equal(1f, TensorPrimitives.Norm(query), 3);
        Assert.True(TensorPrimitives.Dot(query, related) > 0.8f, $"related {TensorPrimitives.Dot(query, related)}");
        Assert.True(TensorPrimitives.Dot(query, unrelated) < 0.2f, $"unrelated {TensorPrimitives.Dot(query, unrelated)}");
        Assert.All(embedder.Embed("xyzzy plugh"), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData("lung 1 0 0\nlobe 1 0\n", ":2: 2 numbers where the first line had 3")]
    [InlineData("lung 1 0 zero\n", ":1: 'zero' is not a number")]
    [InlineData("lung\n", ":1: expected a word followed by numbers")]
    [InlineData("\n\n", ": no word vectors")]
    public void Load_MalformedFile_ErrorNamesTheLine(string content, string expected)
    {
        var path = Path.Combine(_directory, "bad.txt");
        File.WriteAllText(path, content);
        var error = Assert.Throws<FormatException>(() => GloveEmbedder.Load(path));
        Assert.Contains(path + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var error = Assert.Throws<FileNotFoundException>(() => GloveEmbedder.Load(Path.Combine(_directory, "absent.txt")));
        Assert.Contains("GLOVE_PATH=", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
