using MedicalImaging.Imaging;
using MedicalImaging.Imaging.TextDetection;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Redaction;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>
/// When an image that must be read for burned-in text cannot be (here: Tesseract pointed at a folder
/// without its model), its pixels go to no provider: the chain records privacy_blocked and local answers.
/// </summary>
public sealed class BurnedInTextFailClosedTests : IAsyncLifetime
{
    private FakeChatProvider _gemini = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task InitializeAsync() => _gemini = await FakeChatProvider.StartAsync("gemini");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gemini.DisposeAsync();
    }

    [Fact]
    public async Task Analyze_OcrUnavailable_NoProviderIsCalledAndLocalAnswers()
    {
        using var detector = new TesseractTextDetector("/nonexistent-tessdata");
        var chain = Chain("gemini,local", detector);

        var result = await chain.AnalyzeAsync(Request(), CancellationToken.None);

        Assert.Empty(_gemini.Requests);
        Assert.Equal(LocalVisionAnalyzer.ProviderName, result.Provider);
        Assert.True(result.Degraded);
        var blocked = Assert.Single(result.Attempts, a => a.Outcome == "privacy_blocked");
        Assert.Contains("could not be checked for burned-in text", blocked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_OcrUnavailableWithoutLocal_IsUnavailable()
    {
        using var detector = new TesseractTextDetector("/nonexistent-tessdata");
        var chain = Chain("gemini", detector);

        var error = await Assert.ThrowsAsync<ProvidersUnavailableException>(() => chain.AnalyzeAsync(Request(), CancellationToken.None));

        Assert.Empty(_gemini.Requests);
        Assert.Contains("privacy_blocked", error.Message, StringComparison.Ordinal);
    }

    private ProviderChainVisionAnalyzer Chain(string order, ITextDetector detector)
    {
        var roster = new ProviderRoster(
            Options.Create(new ProviderOptions { ProviderOrder = order, GeminiApiKey = "test", GeminiBaseUrl = _gemini.BaseAddress.ToString() }),
            Options.Create(new MedicalImagingOptions { MaxRetries = 0 }),
            MedicalImaging.Server.Providers.Profiles.ProviderProfileSet.Shipped(),
            _http,
            TimeProvider.System);
        var outbound = new OutboundImagePreparer(detector, Options.Create(new MedicalImagingOptions()), NullLogger<OutboundImagePreparer>.Instance);
        var chain = new ProviderChain(roster, Guard(), Options.Create(new ProviderOptions()), TimeProvider.System, NullLogger<ProviderChain>.Instance);
        return new ProviderChainVisionAnalyzer(chain, new LocalVisionAnalyzer(), outbound, NullLogger<ProviderChainVisionAnalyzer>.Instance);
    }

    private static MedicalImaging.Server.Privacy.EgressGuard Guard()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider()
            .GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new MedicalImaging.Server.Privacy.EgressGuard(meters, NullLogger<MedicalImaging.Server.Privacy.EgressGuard>.Instance);
    }

    private static VisionRequest Request()
    {
        var png = TestImages.ChestPhantomPng(128);
        var metadata = new ImageMetadata { Modality = "OT", SourceFormat = "png" };
        var preprocessed = new PreprocessedImage { Png = png, Width = 128, Height = 128, Grey8 = new byte[128 * 128], Parameters = new Dictionary<string, string>() };
        var analysis = new QuantitativeAnalysis { Measurements = new Dictionary<string, double>(), QualityFlags = [], Findings = [] };
        return new VisionRequest([new VisionImage(0, metadata, preprocessed, analysis, heatmap: null)], context: null, IdentifierSet.Empty);
    }
}
