using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>Helpers of the tests that run real server processes with a slow fake provider.</summary>
internal static class ProcessTestKit
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(90);

    public static Dictionary<string, string> ProviderSettings(FakeChatProvider gemini, string dataDirectory, int graceSeconds = 20) =>
        ProcessServerSettings.WithFakeGemini(gemini, dataDirectory, graceSeconds);

    public static AnalyzeRequest Request()
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(128, seed: 71));
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        request.Options = new AnalysisOptions { SkipCache = true };
        return request;
    }

    public static int VisionCalls(FakeChatProvider fake) => fake.Requests.Count(r => r.Body.Contains("image_findings", StringComparison.Ordinal));

    public static int ReportCalls(FakeChatProvider fake) => fake.Requests.Count(r => r.Body.Contains("structured_report", StringComparison.Ordinal));

    public static Metadata AuthFor(ServerProcess server, string user) => new() { { "authorization", "Bearer " + server.IssueToken(user) } };

    public static async Task<List<WatchAnalysisResponse>> WatchToEndAsync(ServerProcess server, string user, string analysisId, long after)
    {
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        using var call = client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = after }, AuthFor(server, user), DateTime.UtcNow + CallTimeout);
        var events = new List<WatchAnalysisResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            events.Add(item);
        }

        return events;
    }
}
