using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>A server wired to fake providers (real HTTP servers) and a fake PubMed.</summary>
internal sealed class ChainHarness : IAsyncDisposable
{
    private Grpc.Net.Client.GrpcChannel _channel = null!;

    public FakeChatProvider Gemini { get; private set; } = null!;
    public FakeChatProvider OpenRouter { get; private set; } = null!;
    public FakeChatProvider Groq { get; private set; } = null!;
    public FakePubMed PubMed { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;
    public ImagingService.ImagingServiceClient Client { get; private set; } = null!;
    public Metadata Auth => new() { { "authorization", "Bearer " + Server.IssueToken("clinician") } };

    public static async Task<ChainHarness> StartAsync(Dictionary<string, string?>? extra = null, bool literature = false)
    {
        var harness = new ChainHarness
        {
            Gemini = await FakeChatProvider.StartAsync("gemini"),
            OpenRouter = await FakeChatProvider.StartAsync("openrouter"),
            Groq = await FakeChatProvider.StartAsync("groq"),
            PubMed = await FakePubMed.StartAsync(),
        };
        var settings = new Dictionary<string, string?>
        {
            ["GEMINI_API_KEY"] = "gemini-test-key",
            ["GEMINI_BASE_URL"] = harness.Gemini.BaseAddress.ToString(),
            ["OPENROUTER_API_KEY"] = "openrouter-test-key",
            ["OPENROUTER_BASE_URL"] = harness.OpenRouter.BaseAddress.ToString(),
            ["GROQ_API_KEY"] = "groq-test-key",
            ["GROQ_BASE_URL"] = harness.Groq.BaseAddress.ToString(),
            ["PUBMED_BASE_URL"] = harness.PubMed.BaseAddress.ToString(),
            ["LITERATURE_SEARCH_ENABLED"] = literature ? "true" : "false",
            ["MAX_RETRIES"] = "2",
            ["PROVIDER_TIMEOUT_SECONDS"] = "5",
            ["PROVIDER_MAX_RETRY_DELAY_SECONDS"] = "5",
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        harness.Server = await RunningServer.StartAsync(settings);
        harness._channel = Grpc.Net.Client.GrpcChannel.ForAddress(harness.Server.GrpcAddress);
        harness.Client = new ImagingService.ImagingServiceClient(harness._channel);
        return harness;
    }

    public async Task<AnalysisResult> AnalyzeAsync(AnalyzeRequest? request = null)
    {
        if (request is null)
        {
            request = Calls.Request(TestImages.ChestPhantomPng(128));
            request.Images[0].ModalityHint = "CR";
            request.Images[0].BodyPartHint = "CHEST";
        }

        request.Options ??= new AnalysisOptions();
        request.Options.SkipCache = true;
        var events = await Client.AnalyzeAsync(request, Auth);
        return events[^1].Result;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Server.DisposeAsync();
        await Gemini.DisposeAsync();
        await OpenRouter.DisposeAsync();
        await Groq.DisposeAsync();
        await PubMed.DisposeAsync();
    }
}
