using System.Diagnostics;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Storage;
using MedicalImaging.Server.Storage.Neo4j;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// `--neo4j-writes N URI USER PASSWORD [WRITERS]`: writes N reports (3 findings, 1 image, 2 citations, a heatmap,
/// a 256-d embedding) one transaction each, from WRITERS concurrent writers (default 1), against a real
/// Neo4j and prints latency percentiles and throughput. A stopwatch bench: BenchmarkDotNet's repeated invocations would grow the graph under it.
/// </summary>
public static class Neo4jWriteBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var writers = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 1;
        using var http = new HttpClient();
        var repository = new Neo4jReportRepository(new Neo4jHttpClient(http, new Neo4jOptions { Uri = args[2], User = args[3], Password = args[4] }));
        await repository.InitializeAsync(CancellationToken.None);
        var heatmap = new byte[40_000];
        Random.Shared.NextBytes(heatmap);
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var report = Report(i);
                var vector = new float[256];
                vector[i % 256] = 1;
                var started = Stopwatch.GetTimestamp();
                await repository.SaveAsync(report, new StoredEmbedding(report.Id, report.OwnerId, "hashing-v1-256", vector, "CR", "CHEST"), [new StoredHeatmap(0, heatmap)], CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));

        var sorted = latencies.Order().ToList();
        Console.WriteLine($"Neo4j report writes, {writers} writer(s): {count} in {total.Elapsed.TotalSeconds:F1} s = {count / total.Elapsed.TotalSeconds:F0}/s; " +
            $"p50 {sorted[count / 2]:F1} ms, p95 {sorted[(int)(count * 0.95)]:F1} ms, max {sorted[^1]:F1} ms");
        return 0;
    }

    private static MedicalReport Report(int i) => new()
    {
        Id = IdGenerator.New("rpt"),
        AnalysisId = IdGenerator.New("ana"),
        OwnerId = $"bench-{i % 50}",
        CreatedAt = DateTimeOffset.UtcNow,
        Modality = "CR",
        BodyPart = "CHEST",
        Technique = "t",
        Comparison = "None.",
        Findings = Enumerable.Range(1, 3).Select(f => new ReportFinding($"f{f}", "Opacity " + f, (f % 3) switch { 0 => "right upper lobe", 1 => "left lower lobe", _ => "mediastinum" },
            FindingSeverity.Mild, 0.6, 0, new NormalizedBox(0.1, 0.1, 0.2, 0.2), "gemini")).ToList(),
        Impression = "impression",
        Recommendations = ["review"],
        Limitations = ["none"],
        Disclaimer = "NOT FOR DIAGNOSTIC USE",
        OverallSeverity = FindingSeverity.Mild,
        KeyFindings = ["[f1] Opacity"],
        ReportText = "text",
        Citations = [new("100" + (i % 7), "T", ["A"], "J", 2020, null, "u"), new("200" + (i % 5), "T", ["A"], "J", 2021, null, "u")],
        Images = [new AnalyzedImage
        {
            Index = 0, ImageId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), Filename = "x.png",
            Format = "png", Width = 512, Height = 512, Modality = "CR", Measurements = new Dictionary<string, double>(), QualityFlags = [],
            Preprocessing = new Dictionary<string, string>(),
        }],
        CacheKey = "k" + i,
        Provenance = new ReportProvenance
        {
            Provider = "gemini", Model = "m", Degraded = false, Attempts = [], PipelineVersion = "v", EmbeddingModel = "hashing-v1-256", EmbeddingDimension = 256,
            StageMillis = new Dictionary<string, double>(), PromptHashes = new Dictionary<string, string>(), LiteratureStatus = "ok",
        },
    };
}
