using BenchmarkDotNet.Attributes;
using MedicalImaging.Imaging;
using MedicalImaging.Imaging.TextDetection;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Stages;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Redaction;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// The chain's own cost: a provider that answers at once (a real loopback HTTP fake), and skipping a
/// provider whose circuit is open before `local` answers (target ≤ 1 ms).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class ProviderChainBenchmarks
{
    private FakeChatProvider _answering = null!;
    private static readonly EgressGuard Guard = new(new BenchMeters(), NullLogger<EgressGuard>.Instance);
    private FakeChatProvider _refusing = null!;
    private HttpClient _http = null!;
    private ProviderRoster _answeringRoster = null!;
    private ProviderRoster _openCircuitRoster = null!;
    private ProviderChainVisionAnalyzer _answeringChain = null!;
    private ProviderChainVisionAnalyzer _openCircuitChain = null!;
    private VisionRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _answering = FakeChatProvider.StartAsync("gemini").GetAwaiter().GetResult();
        _refusing = FakeChatProvider.StartAsync("gemini").GetAwaiter().GetResult();
        _refusing.Default = new ChatBehavior.Fail(401);
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _answeringRoster = Roster(_answering.BaseAddress, "gemini");
        _openCircuitRoster = Roster(_refusing.BaseAddress, "gemini,local");
        _answeringChain = new ProviderChainVisionAnalyzer(Chain(_answeringRoster), new LocalVisionAnalyzer(), Outbound(), NullLogger<ProviderChainVisionAnalyzer>.Instance);
        _openCircuitChain = new ProviderChainVisionAnalyzer(Chain(_openCircuitRoster), new LocalVisionAnalyzer(), Outbound(), NullLogger<ProviderChainVisionAnalyzer>.Instance);
        // One request for every iteration, as one analysis: its outbound copies are made once.
        _request = VisionStage.Request(State());

        // A 401 holds the circuit open for the long cool-down; later calls skip the provider.
        _openCircuitChain.AnalyzeAsync(_request, CancellationToken.None).GetAwaiter().GetResult();
        _openCircuitChain.AnalyzeAsync(_request, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> InstantProviderAnswers() => (await _answeringChain.AnalyzeAsync(_request, CancellationToken.None)).Findings.Count;

    [Benchmark]
    public async Task<int> OpenCircuitSkippedThenLocal() => (await _openCircuitChain.AnalyzeAsync(_request, CancellationToken.None)).Attempts.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _answeringRoster.Dispose();
        _openCircuitRoster.Dispose();
        _http.Dispose();
        _answering.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _refusing.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private ProviderRoster Roster(Uri baseAddress, string order) => new(
        Options.Create(new ProviderOptions { ProviderOrder = order, GeminiApiKey = "bench", GeminiBaseUrl = baseAddress.ToString(), ProviderRateLimitPerMinute = 1_000_000 }),
        Options.Create(new MedicalImagingOptions { MaxRetries = 0 }),
        MedicalImaging.Server.Providers.Profiles.ProviderProfileSet.Shipped(),
        _http,
        TimeProvider.System);

    private static ProviderChain Chain(ProviderRoster roster) =>
        new(roster, Guard, Options.Create(new ProviderOptions()), TimeProvider.System, NullLogger<ProviderChain>.Instance);

    /// <summary>No OCR here: this bench measures the chain; OCR is measured by Imaging.Benchmarks (ocr).</summary>
    private static OutboundImagePreparer Outbound() => new(
        new TesseractTextDetector(), Options.Create(new MedicalImagingOptions { RedactBurnedInText = "never" }), NullLogger<OutboundImagePreparer>.Instance);

    private static AnalysisState State()
    {
        var png = TestImages.ChestPhantomPng(256);
        var decoded = new DecodedImage
        {
            Width = 256, Height = 256, Channels = 1, Pixels = new float[256 * 256],
            Metadata = new ImageMetadata { Modality = "CR", BodyPart = "CHEST" },
        };
        var source = new ImageSource(0, "bench.png", png, null, null, null, null);
        return new AnalysisState
        {
            AnalysisId = "ana_bench",
            Request = new AnalysisRequest("bench", [source], null, null, new AnalysisSettings(false, 1024, null)),
            CacheKey = "bench",
            Images =
            [
                new ImageWork
                {
                    Source = source, ImageId = new string('0', 64), Bytes = png, Decoder = null!, Probe = new ImageProbe(256, 256, 1, 1, 1),
                    Decoded = decoded,
                    Preprocessed = new PreprocessedImage { Png = png, Width = 256, Height = 256, Grey8 = new byte[256 * 256], Parameters = new Dictionary<string, string>() },
                    Analysis = new QuantitativeAnalysis { Measurements = new Dictionary<string, double>(), QualityFlags = [], Findings = [] },
                },
            ],
        };
    }

    private sealed class BenchMeters : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
