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
    /// <summary>Rows per storage block: vectors live in blocks that are filled as the file is read, so loading
    /// never holds a growing list and its final copy at once (a 400k × 100 file peaks at its own size).</summary>
    private const int RowsPerBlock = 16_384;

    private readonly Dictionary<string, int> _rows;
    private readonly List<float[]> _blocks;

    private GloveEmbedder(string model, int dimension, Dictionary<string, int> rows, List<float[]> blocks)
    {
        Model = model;
        Dimension = dimension;
        _rows = rows;
        _blocks = blocks;
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
        var blocks = new List<float[]>();
        var dimension = 0;
        var lineNumber = 0;
        float[] row = [];
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

            var numbers = span[(space + 1)..];
            if (dimension == 0)
            {
                dimension = CountNumbers(numbers);
                row = new float[dimension];
            }

            var values = 0;
            foreach (var range in numbers.Split(' '))
            {
                var token = numbers[range];
                if (token.IsEmpty)
                {
                    continue;
                }

                if (!float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"{path}:{lineNumber}: '{token}' is not a number.");
                }

                if (values < dimension)
                {
                    row[values] = value;
                }

                values++;
            }

            if (values != dimension || values == 0)
            {
                throw new FormatException($"{path}:{lineNumber}: {values} numbers where the first line had {dimension}.");
            }

            // A repeated word keeps its first (most frequent) vector.
            var index = rows.Count;
            if (rows.TryAdd(span[..space].ToString(), index))
            {
                if (index % RowsPerBlock == 0)
                {
                    blocks.Add(new float[RowsPerBlock * dimension]);
                }

                row.CopyTo(blocks[^1].AsSpan(index % RowsPerBlock * dimension));
            }
        }

        if (rows.Count == 0)
        {
            throw new FormatException($"{path}: no word vectors.");
        }

        return new GloveEmbedder($"glove-{Path.GetFileNameWithoutExtension(path)}-{dimension}", dimension, rows, blocks);
    }

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult(Embed(text));

    public float[] Embed(string text)
    {
        var sum = new float[Dimension];
        foreach (var word in Tokens.Words(text))
        {
            if (_rows.TryGetValue(word, out var row))
            {
                TensorPrimitives.Add(sum, _blocks[row / RowsPerBlock].AsSpan(row % RowsPerBlock * Dimension, Dimension), sum);
            }
        }

        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }

    private static int CountNumbers(ReadOnlySpan<char> numbers)
    {
        var count = 0;
        foreach (var range in numbers.Split(' '))
        {
            if (!numbers[range].IsEmpty)
            {
                count++;
            }
        }

        return count;
    }
}
