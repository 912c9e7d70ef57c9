using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// Embedding one report's text (findings, impression, key findings): the hashing embedder, and GloVe
/// over a 400,000-word, 100-d vocabulary (the size of glove.6B.100d) written as a GloVe text file at setup.
/// </summary>
[MemoryDiagnoser]
public class EmbedderBenchmarks
{
    private readonly HashingEmbedder _hashing = new();
    private GloveEmbedder _glove = null!;

    private const string ReportText = """
        CR
        CHEST
        right upper lung zone Rounded 2 cm opacity in the right upper zone
        left lower lung zone Mild blunting of the costophrenic angle
        Automated screening flagged 2 observation(s) for review: Rounded 2 cm opacity in the right upper zone; Mild blunting of the costophrenic angle.
        Rounded 2 cm opacity in the right upper zone (right upper lung zone)
        """;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), "medimg-bench-glove.400k.100d.txt");
        if (!File.Exists(path))
        {
            var random = new Random(7);
            using var writer = new StreamWriter(path, false, Encoding.UTF8);
            var words = ReportText.Split([' ', '\n', '\r', ':', ';', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.ToLowerInvariant()).Distinct().Concat(Enumerable.Range(0, 400_000).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture))).Take(400_000);
            foreach (var word in words)
            {
                writer.Write(word);
                for (var d = 0; d < 100; d++)
                {
                    writer.Write(' ');
                    writer.Write((random.NextSingle() - 0.5f).ToString("0.#####", CultureInfo.InvariantCulture));
                }

                writer.Write('\n');
            }
        }

        _glove = GloveEmbedder.Load(path);
    }

    [Benchmark]
    public float[] EmbedReportHashing() => _hashing.Embed(ReportText);

    [Benchmark]
    public float[] EmbedReportGlove() => _glove.Embed(ReportText);
}
