using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

public sealed class RateLimitTests() : GrpcServerTestBase(new Dictionary<string, string?> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "2" })
{

    [Fact]
    public async Task Analyze_OverPerUserLimit_ResourceExhaustedWithRetryInfoWhenTheWindowFrees_OtherUsersUnaffected()
    {
        var auth = AuthFor("busy");
        var png = TestImages.ChestPhantomPng(64);
        await Client.AnalyzeAsync(Calls.Request(png), auth);
        await Client.AnalyzeAsync(Calls.Request(png), auth);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(Calls.Request(png), auth));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var delay = error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan();
        // The two permits were taken moments ago in a one-minute window of six 10 s segments: they come back when
        // their segment leaves the window, 50 to 60 s from now. An earlier retry would be refused again.
        Assert.InRange(delay, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Assert.Contains($"Retry in {Math.Ceiling(delay.TotalSeconds)} s.", error.Status.Detail, StringComparison.Ordinal);

        // Reads are not limited.
        await Client.ListReportsAsync(new ListReportsRequest(), auth);

        using var http = new HttpClient { BaseAddress = Server.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/medical-imaging/analyze")
        {
            Content = new StringContent($$"""{"images": [{"content": "{{Convert.ToBase64String(png)}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.IssueToken("busy"));
        using var rest = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);

        var other = AuthFor("calm");
        var events = await Client.AnalyzeAsync(Calls.Request(png), other);
        Assert.NotNull(events[^1].Result);
    }
}
