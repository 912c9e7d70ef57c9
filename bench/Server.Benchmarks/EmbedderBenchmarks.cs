using BenchmarkDotNet.Attributes;
using MedicalImaging.Server.Embeddings;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>Embedding one report's text (findings, impression, key findings) with the hashing embedder.</summary>
[MemoryDiagnoser]
public class EmbedderBenchmarks
{
    private readonly HashingEmbedder _embedder = new();

    private const string ReportText = """
        CR
        CHEST
        right upper lung zone Rounded 2 cm opacity in the right upper zone
        left lower lung zone Mild blunting of the costophrenic angle
        Automated screening flagged 2 observation(s) for review: Rounded 2 cm opacity in the right upper zone; Mild blunting of the costophrenic angle.
        Rounded 2 cm opacity in the right upper zone (right upper lung zone)
        """;

    [Benchmark]
    public float[] EmbedReport() => _embedder.Embed(ReportText);
}
