using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Tests;

/// <summary>
/// Tokens never reach a log: a real server logging at Trace, called over REST, gRPC and the WebSocket with tokens
/// in Authorization headers and in <c>?token=</c>; then the whole log is searched.
/// </summary>
public sealed class LogRedactionTests
{
    [Fact]
    public async Task TraceLog_AfterRestGrpcAndWebSocketCallsWithTokens_HoldsNoToken()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        var log = new LogCapture();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var token = server.IssueToken("log-user");
        // A well-formed JWT with a bad signature: the bearer handler logs its rejection.
        var forged = token[..token.LastIndexOf('.')] + ".c2lnbmF0dXJlLW9mLXNvbWVvbmUtZWxzZQ";

        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = Calls.Timeout };
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medical-imaging/reports"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medical-imaging/reports"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await http.GetAsync(new Uri($"/api/v1/medical-imaging/reports?token={token}&pageSize=5", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
        var client = new ImagingService.ImagingServiceClient(channel);
        await client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow + Calls.Timeout);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ListReportsAsync(new ListReportsRequest(), new Metadata { { "authorization", "Bearer " + forged } }, DateTime.UtcNow + Calls.Timeout));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        var socketBase = $"ws://127.0.0.1:{server.HttpAddress.Port}/ws/medical-imaging/ana_000000000000000000000000";
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(new Uri($"{socketBase}?token={token}"), CancellationToken.None);
            await DrainAsync(socket);
        }

        using (var socket = new ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            await socket.ConnectAsync(new Uri(socketBase), CancellationToken.None);
            await DrainAsync(socket);
        }

        using (var socket = new ClientWebSocket())
        {
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"{socketBase}?token={forged}"), CancellationToken.None));
        }

        var text = log.Text;
        // The calls were logged (with their query strings) at all: otherwise there would be nothing to redact.
        Assert.Contains("/ws/medical-imaging/ana_000000000000000000000000?token=[REDACTED]", text);
        Assert.Contains("/api/v1/medical-imaging/reports?token=[REDACTED]&pageSize=5", text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(token.Split('.')[1], text);
        Assert.DoesNotContain(token.Split('.')[2], text);
        Assert.DoesNotContain(forged.Split('.')[2], text);
        Assert.DoesNotContain("eyJ", text);
    }

    private static async Task DrainAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        while ((await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }
    }
}
