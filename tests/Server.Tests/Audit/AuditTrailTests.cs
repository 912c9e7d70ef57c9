using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Auth.Audit;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Audit;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using AuditEvent = MedicalImaging.Server.Audit.AuditEvent;
using AuditObject = MedicalImaging.Server.Audit.AuditObject;

namespace MedicalImaging.Server.Tests.Audit;

/// <summary>The audit trail through a real server: every access to patient-derived data, granted or refused, is one chained record.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AuditTrailTests
{
    private const string User = "audit-user";

    [Fact]
    public async Task EveryAuditedOperation_GrantedOrRefused_WritesOneRecordWithUserOutcomeAndIds_ChainIntact()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "5" });
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken(User) } };
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = Calls.Timeout };

        // Granted: upload, analyze (by image id), watch, list, similar, chat (both RPCs), report and heatmap over REST, the WebSocket.
        var png = TestImages.ChestPhantomPng(96, seed: 77);
        var imageId = await UploadAsync(client, png, auth);
        var analyze = new AnalyzeRequest();
        analyze.Images.Add(new ImageInput { Filename = "patient-smith-chest.png", ImageId = imageId });
        var events = await client.AnalyzeAsync(analyze, auth);
        var analysisId = events[0].AnalysisId;
        var report = events[^1].Result.Report;
        await WatchAsync(client, analysisId, auth);
        await client.ListReportsAsync(new ListReportsRequest(), auth);
        await client.FindSimilarAsync(new FindSimilarRequest { ReportId = report.Id }, auth);
        await client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "What did you find?" }, auth);
        await ChatAsync(client, report.Id, auth);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, $"/api/v1/medical-imaging/report/{report.Id}", server.IssueToken(User))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, $"/api/v1/medical-imaging/report/{report.Id}/heatmaps/0", server.IssueToken(User))).StatusCode);
        await WebSocketWatchAsync(server, analysisId);
        await WebSocketWatchAsync(server, "ana_someone_elses");

        // Refused: no token (REST and gRPC), another user's report, rate limited.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, $"/api/v1/medical-imaging/report/{report.Id}", token: null)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(async () => await client.GetReportAsync(new GetReportRequest { ReportId = report.Id }))).StatusCode);
        var intruder = new Metadata { { "authorization", "Bearer " + server.IssueToken("intruder") } };
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () => await client.GetReportAsync(new GetReportRequest { ReportId = report.Id }, intruder))).StatusCode);
        var flooder = new Metadata { { "authorization", "Bearer " + server.IssueToken("flooder") } };
        var limited = await FloodUntilLimitedAsync(client, report.Id, flooder);
        await client.DeleteReportAsync(new DeleteReportRequest { ReportId = report.Id }, auth);

        // A WebSocket's record is written when its handler returns, which may be just after the client saw the close.
        var log = server.Services.GetRequiredService<AuditLog>();
        var entries = await ReadWhenAsync(log, all => all.Count(e => e.Event.Transport == "websocket") == 2);
        AuditEvent Single(string operation, string? user, string status, string? transport = null) =>
            Assert.Single(entries, e => e.Event.Operation == operation && e.Event.UserId == user && e.Event.Status == status
                && (transport is null || e.Event.Transport == transport)).Event;

        var upload = Single("UploadImage", User, "OK");
        Assert.Equal(("C", 0, "110107"), (upload.Action, upload.Outcome, upload.EventCode));
        Assert.Contains(new AuditObject("image", imageId), upload.Objects);
        var started = Single("Analyze", User, "OK");
        Assert.Equal("E", started.Action);
        Assert.Equal([new AuditObject("analysis", analysisId), new AuditObject("image", imageId), new AuditObject("report", report.Id)], started.Objects);
        Assert.Equal("grpc", started.Transport);
        Assert.Equal("127.0.0.1", started.ClientAddress);
        Assert.Matches("^[0-9a-f]{32}$", started.TraceId);
        Assert.False(string.IsNullOrEmpty(started.CorrelationId));
        Assert.Contains(new AuditObject("analysis", analysisId), Single("WatchAnalysis", User, "OK", "grpc").Objects);
        Assert.Contains(new AuditObject("report", report.Id), Single("ListReports", User, "OK").Objects);
        Assert.Contains(new AuditObject("report", report.Id), Single("FindSimilar", User, "OK").Objects);
        Assert.Contains(new AuditObject("report", report.Id), Single("SendChatMessage", User, "OK").Objects);
        Assert.Equal([new AuditObject("report", report.Id)], Single("Chat", User, "OK").Objects);
        var read = Single("GetReport", User, "OK");
        Assert.Equal(("R", "rest", "110110"), (read.Action, read.Transport, read.EventCode));
        Assert.Equal("rest", Single("GetHeatmap", User, "OK").Transport);
        Assert.Contains(new AuditObject("analysis", analysisId), Single("WatchAnalysis", User, "OK", "websocket").Objects);
        var missingSocket = Single("WatchAnalysis", User, "NOT_FOUND", "websocket");
        Assert.Equal((4, "ana_someone_elses"), (missingSocket.Outcome, missingSocket.Objects.Single().Id));
        var deleted = Single("DeleteReport", User, "OK");
        Assert.Equal(("D", 0), (deleted.Action, deleted.Outcome));

        var anonymousRest = Single("GetReport", null, "UNAUTHENTICATED", "rest");
        Assert.Equal(8, anonymousRest.Outcome);
        Assert.Contains(new AuditObject("report", report.Id), anonymousRest.Objects);
        Assert.Equal(8, Single("GetReport", null, "UNAUTHENTICATED", "grpc").Outcome);
        var foreign = Single("GetReport", "intruder", "NOT_FOUND");
        Assert.Equal(4, foreign.Outcome);
        Assert.Contains(new AuditObject("report", report.Id), foreign.Objects);
        Assert.Equal(limited, entries.Count(e => e.Event.UserId == "flooder"));
        Assert.Equal(4, Single("SendChatMessage", "flooder", "RESOURCE_EXHAUSTED").Outcome);

        // The chain holds, the file is the server's alone, and no record carries a file name or clinical text.
        var verification = AuditChainVerifier.VerifyFile(log.Path, key: null);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(entries.Count, verification.Lines);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log.Path));
        var text = await File.ReadAllTextAsync(log.Path);
        Assert.DoesNotContain("smith", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(report.Impression, text, StringComparison.Ordinal);
        Assert.DoesNotContain("What did you find", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAuditEvents_AdminRole_PagesFilteredEvents_OtherCallers_PermissionDeniedAndAudited()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["AUDIT_ADMIN_ROLE"] = "auditors" });
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var imaging = new ImagingService.ImagingServiceClient(channel);
        var audit = new AuditService.AuditServiceClient(channel);
        var reader = new Metadata { { "authorization", "Bearer " + RoleTokens.Issue(server, "reader", "clinician") } };
        var admin = new Metadata { { "authorization", "Bearer " + RoleTokens.Issue(server, "auditor", "auditors") } };
        foreach (var missing in new[] { "rpt_missing1", "rpt_missing2", "rpt_missing3" })
        {
            await Assert.ThrowsAsync<RpcException>(async () => await imaging.GetReportAsync(new GetReportRequest { ReportId = missing }, reader));
        }

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await audit.ListAuditEventsAsync(new ListAuditEventsRequest(), reader));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("auditors", denied.Status.Detail, StringComparison.Ordinal);

        var seen = new List<Contracts.V1.AuditEvent>();
        var request = new ListAuditEventsRequest { UserId = "reader", PageSize = 2 };
        do
        {
            var page = await audit.ListAuditEventsAsync(request, admin);
            Assert.True(page.Events.Count <= 2);
            seen.AddRange(page.Events);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(4, seen.Count);
        Assert.All(seen, e => Assert.Equal("reader", e.UserId));
        Assert.Equal(["rpt_missing1", "rpt_missing2", "rpt_missing3"], seen.Take(3).Select(e => e.Objects.Single().Id));
        var refusal = seen[3];
        Assert.Equal(("ListAuditEvents", "PERMISSION_DENIED", 8, "110101"), (refusal.Operation, refusal.Status, refusal.Outcome, refusal.EventCode));
        Assert.Equal(["clinician"], refusal.Roles);
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));

        var later = await audit.ListAuditEventsAsync(new ListAuditEventsRequest { StartTime = seen[^1].Time, UserId = "auditor" }, admin);
        Assert.NotEmpty(later.Events);
        Assert.All(later.Events, e => Assert.Equal(["auditors"], e.Roles));

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await audit.ListAuditEventsAsync(new ListAuditEventsRequest { PageToken = "x" }, admin));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);

        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = Calls.Timeout };
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, "/api/v1/medical-imaging/audit-events?userId=reader", RoleTokens.Issue(server, "auditor", "auditors"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, "/api/v1/medical-imaging/audit-events", server.IssueToken("reader"))).StatusCode);
    }

    [Fact]
    public async Task Restart_AfterATornLastLine_CutsItAndContinuesTheChain_KeyedLogVerifiesOnlyWithItsKey()
    {
        var key = new string('k', 40);
        var data = Directory.CreateTempSubdirectory("medimg-audit-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["MEDICAL_IMAGING_DATA_DIR"] = data, ["AUDIT_HMAC_KEY"] = key };
            for (var run = 0; run < 2; run++)
            {
                await using var server = await RunningServer.StartAsync(settings);
                using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
                var client = new ImagingService.ImagingServiceClient(channel);
                await client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + server.IssueToken("restarter") } });
                if (run == 0)
                {
                    // A crash mid-write: half a record, no newline.
                    var log = server.Services.GetRequiredService<AuditLog>();
                    await log.FlushAsync(CancellationToken.None);
                    await File.AppendAllTextAsync(log.Path, "{\"seq\":2,\"time\":\"2026-");
                }
            }

            var path = Path.Combine(data, "audit", "audit.jsonl");
            Assert.DoesNotContain("\"seq\":2,\"time\":\"2026-\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
            var keyed = AuditChainVerifier.VerifyFile(path, AuditChain.KeyFrom(key));
            Assert.True(keyed.Intact, keyed.Problem);
            Assert.Equal((2, AuditChain.HmacSha256), (keyed.Lines, keyed.Algorithm));
            var unkeyed = AuditChainVerifier.VerifyFile(path, key: null);
            Assert.Equal(1, unkeyed.BrokenLine);
            Assert.Contains("AUDIT_HMAC_KEY", unkeyed.Problem, StringComparison.Ordinal);
            var wrongKey = AuditChainVerifier.VerifyFile(path, AuditChain.KeyFrom(new string('x', 40)));
            Assert.Equal(1, wrongKey.BrokenLine);
            Assert.Contains("key", wrongKey.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_ShortHmacKey_FailsNamingTheVariable()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["AUDIT_HMAC_KEY"] = "short" }));
        Assert.Contains("AUDIT_HMAC_KEY", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<AuditEntry>> ReadWhenAsync(AuditLog log, Func<List<AuditEntry>, bool> complete)
    {
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        while (true)
        {
            await log.FlushAsync(timeout.Token);
            var entries = File.ReadAllLines(log.Path).Select(AuditRecordJson.Read).ToList();
            if (complete(entries))
            {
                return entries;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<string> UploadAsync(ImagingService.ImagingServiceClient client, byte[] bytes, Metadata auth)
    {
        using var call = client.UploadImage(auth, DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "patient-smith-chest.png", SizeBytes = bytes.Length } });
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(bytes) });
        await call.RequestStream.CompleteAsync();
        return (await call).ImageId;
    }

    private static async Task WatchAsync(ImagingService.ImagingServiceClient client, string analysisId, Metadata auth)
    {
        using var call = client.WatchAnalysis(new WatchAnalysisRequest { AnalysisId = analysisId }, auth, DateTime.UtcNow + Calls.Timeout);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task ChatAsync(ImagingService.ImagingServiceClient client, string reportId, Metadata auth)
    {
        using var call = client.Chat(auth, DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new ChatRequest { ReportId = reportId, Message = "What did you find?" });
        await call.RequestStream.WriteAsync(new ChatRequest { Message = "And the impression?" });
        await call.RequestStream.CompleteAsync();
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task WebSocketWatchAsync(RunningServer server, string analysisId)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + server.IssueToken(User));
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.HttpAddress.Port}/ws/medical-imaging/{analysisId}"), timeout.Token);
        var buffer = new byte[1 << 20];
        while ((await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    /// <summary>Chat messages about another's report until the rate limit answers; returns how many calls were made.</summary>
    private static async Task<int> FloodUntilLimitedAsync(ImagingService.ImagingServiceClient client, string reportId, Metadata auth)
    {
        for (var calls = 1; calls <= 10; calls++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () => await client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = reportId, Message = "hi" }, auth));
            if (error.StatusCode == StatusCode.ResourceExhausted)
            {
                return calls;
            }
        }

        throw new InvalidOperationException("The rate limit never answered.");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
