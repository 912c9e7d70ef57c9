using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Providers;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests;

/// <summary>Admission control through a real Kestrel: the memory budget, the concurrency limit, the queue, deflate bombs.</summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class AdmissionTests
{
    private static Dictionary<string, string?> OneSlot(int queue = 0, int timeoutSeconds = 1) => new()
    {
        ["MAX_CONCURRENT_ANALYSES"] = "1",
        ["ADMISSION_QUEUE_LENGTH"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ADMISSION_QUEUE_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AI_PROVIDER_ORDER"] = "gemini,local",
        ["PROVIDER_TIMEOUT_SECONDS"] = "60",
        ["CACHE_TTL_MINUTES"] = "0",
    };

    [Fact]
    public async Task Analyze_OnlySlotBusyAndNoQueue_ResourceExhaustedWithRetryInfoOverGrpcAndRest_SlotFreeAfterwards()
    {
        await using var h = await ChainHarness.StartAsync(OneSlot());
        h.Gemini.Default = new ChatBehavior.Slow(TimeSpan.FromSeconds(8), FakeChatProvider.ValidFindings(1));
        var png = TestImages.ChestPhantomPng(64);
        using var first = h.Client.Analyze(Calls.Request(png), h.Auth, DateTime.UtcNow + Calls.Timeout);
        Assert.True(await first.ResponseStream.MoveNext(CancellationToken.None)); // admitted and running: waits on the provider

        var error = await Assert.ThrowsAsync<RpcException>(() => h.Client.AnalyzeAsync(Calls.Request(png), h.Auth));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("busy", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);

        using var http = new HttpClient { BaseAddress = h.Server.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/medical-imaging/analyze")
        {
            Content = new StringContent($$"""{"images": [{"content": "{{Convert.ToBase64String(png)}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Server.IssueToken("clinician"));
        using var rest = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.Contains("RetryInfo", await rest.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        AnalyzeResponse? last = null;
        await foreach (var item in first.ResponseStream.ReadAllAsync())
        {
            last = item;
        }

        Assert.NotNull(last?.Result);
        h.Gemini.Default = new ChatBehavior.Auto();
        Assert.NotNull((await h.Client.AnalyzeAsync(Calls.Request(png), h.Auth))[^1].Result);
    }

    [Fact]
    public async Task Analyze_OnlySlotBusyWithQueue_WaitsAndRunsWhenTheSlotFrees()
    {
        await using var h = await ChainHarness.StartAsync(OneSlot(queue: 4, timeoutSeconds: 60));
        h.Gemini.Then(new ChatBehavior.Slow(TimeSpan.FromSeconds(3), FakeChatProvider.ValidFindings(1)));
        var png = TestImages.ChestPhantomPng(64);
        using var first = h.Client.Analyze(Calls.Request(png), h.Auth, DateTime.UtcNow + Calls.Timeout);
        Assert.True(await first.ResponseStream.MoveNext(CancellationToken.None));

        var second = await h.Client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(64, seed: 2)), h.Auth);
        Assert.NotNull(second[^1].Result);
    }

    [Fact]
    public async Task Analyze_ImageOverTheWholeBudget_InvalidArgumentNamingImageAndLimit_NothingDecoded()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["ANALYSIS_MEMORY_BUDGET_MB"] = "256" });
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("big") } };
        var png = HostileImages.FlatPng(8000, 8000); // decoding it would take ~1.5 GB (floats alone: 768 MB)
        var request = Calls.Request(png);
        request.Images[0].Filename = "huge.png";
        GC.Collect();
        var before = ProcessMemory.ResidentMb();
        ProcessMemory.ResetPeak();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(request, auth));

        var growth = ProcessMemory.PeakMb() - before;
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("images[0] (huge.png) is 8000×8000×3", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("256 MB (ANALYSIS_MEMORY_BUDGET_MB)", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(growth < 200, $"peak RSS grew {growth} MB while refusing the image: it was decoded");
    }

    [Fact]
    public async Task Analyze_DeflateBomb_InvalidArgumentNamingTheInflateLimit_InConstantMemory()
    {
        await using var server = await RunningServer.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("bomber") } };
        var bomb = HostileImages.DeflatedDicom(16000, 16000); // 256 MB of zeros in ~250 KB
        Assert.True(bomb.Length < 1 << 20);
        GC.Collect();
        var before = ProcessMemory.ResidentMb();
        ProcessMemory.ResetPeak();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(Calls.Request(bomb), auth));

        var growth = ProcessMemory.PeakMb() - before;
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("inflates beyond 200 MB", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(growth < 150, $"peak RSS grew {growth} MB while refusing a deflate bomb: it was held inflated");
    }

    [Fact]
    public async Task Analyze_DeflatedDicomUnderTheCap_DecodedWithItsInflatedSizeCounted()
    {
        await using var server = await RunningServer.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("deflated") } };

        var events = await client.AnalyzeAsync(Calls.Request(HostileImages.DeflatedDicom(512, 384)), auth);

        var report = events[^1].Result.Report;
        Assert.Equal(384, report.Images[0].Width);
        Assert.Equal(512, report.Images[0].Height);
    }

    [Fact]
    public async Task Analyze_ManyFailingAnalyses_ReleaseTheirSlots_AGoodOneStillRuns()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["MAX_CONCURRENT_ANALYSES"] = "1",
            ["ADMISSION_QUEUE_LENGTH"] = "0",
        });
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("unlucky") } };

        for (var i = 0; i < 5; i++)
        {
            // Passes validation (a valid header), fails while decoding, after admission.
            var error = await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(Calls.Request(TestImages.CorruptPng(128 + i)), auth));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains("could not be decoded", error.Status.Detail, StringComparison.Ordinal);
        }

        var admission = (Admission.AnalysisAdmission)server.Services.GetService(typeof(Admission.AnalysisAdmission))!;
        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.ReservedBytes);
        var events = await client.AnalyzeAsync(Calls.Request(TestImages.ChestPhantomPng(96)), auth);
        Assert.NotNull(events[^1].Result);
    }

    [Theory]
    [InlineData("ANALYSIS_MEMORY_BUDGET_MB", "10")]
    [InlineData("MAX_CONCURRENT_ANALYSES", "0")]
    [InlineData("ADMISSION_QUEUE_LENGTH", "-1")]
    [InlineData("USER_STORAGE_QUOTA_MB", "-5")]
    [InlineData("UPLOAD_IDLE_TIMEOUT_SECONDS", "0")]
    public async Task Start_BadAdmissionOrStorageSetting_FailsNamingTheVariable(string name, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains($"{name}={value}", error.Message, StringComparison.Ordinal);
    }
}
