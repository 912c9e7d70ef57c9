using System.Globalization;
using System.Numerics.Tensors;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// Averages pre-trained GloVe word vectors (the standard text format: a word, then its vector, space
/// separated, one word per line) over the report's words, then L2-normalises. Words missing from the
/// vocabulary are skipped; text with no known word embeds to zeros. Runs offline once the file is on disk.
/// </summary>
public sealed class GloveEmbedder : IEmbedder
{
    private readonly Dictionary<string, int> _rows;
    private readonly float[] _vectors;

    private GloveEmbedder(string model, int dimension, Dictionary<string, int> rows, float[] vectors)
    {
        Model = model;
        Dimension = dimension;
        _rows = rows;
        _vectors = vectors;
    }

    public string Model { get; }

    public int Dimension { get; }

    /// <summary>How many words the vocabulary holds.</summary>
    public int VocabularySize => _rows.Count;

    /// <summary>Loads a GloVe text file. Errors name the file and line.</summary>
    public static GloveEmbedder Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"GLOVE_PATH={path}: no such file.", path);
        }

        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var vectors = new List<float>(1 << 20);
        var dimension = 0;
        var lineNumber = 0;
        using var reader = new StreamReader(path);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var span = line.AsSpan();
            var space = span.IndexOf(' ');
            if (space <= 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected a word followed by numbers.");
            }

            var word = span[..space].ToString();
            var values = 0;
            foreach (var range in span[(space + 1)..].Split(' '))
            {
                var token = span[(space + 1)..][range];
                if (token.IsEmpty)
                {
                    continue;
                }

                if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"{path}:{lineNumber}: '{token}' is not a number.");
                }

                vectors.Add(value);
                values++;
            }

            if (dimension == 0)
            {
                dimension = values;
            }

            if (values != dimension || values == 0)
            {
                throw new FormatException($"{path}:{lineNumber}: {values} numbers where the first line had {dimension}.");
            }

            if (!rows.TryAdd(word, rows.Count))
            {
                // Keep the first (most frequent) vector of a repeated word; drop this one's numbers.
                vectors.RemoveRange(vectors.Count - dimension, dimension);
            }
        }

        if (rows.Count == 0)
        {
            throw new FormatException($"{path}: no word vectors.");
        }

        return new GloveEmbedder($"glove-{Path.GetFileNameWithoutExtension(path)}-{dimension}", dimension, rows, [.. vectors]);
    }

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult(Embed(text));

    public float[] Embed(string text)
    {
        var sum = new float[Dimension];
        foreach (var word in Tokens.Words(text))
        {
            if (_rows.TryGetValue(word, out var row))
            {
                TensorPrimitives.Add(sum, _vectors.AsSpan(row * Dimension, Dimension), sum);
            }
        }

        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }
}
