using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Errors;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Api.WebSockets;

/// <summary>
/// The WebSocket shim of the original service: <c>/ws/medical-imaging/{case_id}</c> (case id = analysis
/// id) sends JSON events <c>connect</c>, <c>progress</c>, <c>result</c>, <c>error</c> — the same feed as
/// WatchAnalysis, replayed then live. <c>?after=N</c> resumes after sequence N without gaps or
/// duplicates. The client may send <c>{"type":"disconnect"}</c>. When the server stops, an <c>error</c>
/// event with code 14 and <c>reconnect: true</c> is sent and the socket closes with 1001 (going away). Idle sockets close after
/// WEBSOCKET_TIMEOUT seconds. Authenticated like every call: a bearer token in the Authorization
/// header, or <c>?token=</c> for browsers.
/// </summary>
public static class AnalysisWebSocketEndpoint
{
    public const string Route = "/ws/medical-imaging/{case_id}";

    public static IEndpointConventionBuilder MapAnalysisWebSocket(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Route, HandleAsync).RequireAuthorization(MedicalImaging.Server.Security.MedicalImagingAuthentication.Policy)
            .WithMetadata(new AuditedEndpoint("/medimaging.v1.ImagingService/WatchAnalysis", "websocket"));

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint speaks WebSocket only.");
            return;
        }

        var analysisId = (string)context.Request.RouteValues["case_id"]!;
        var after = long.TryParse(context.Request.Query["after"], out var a) && a > 0 ? a : 0;
        var user = MedicalImaging.Server.Security.CallerIdentity.TryUserId(context.User) ?? string.Empty;
        var feed = context.RequestServices.GetRequiredService<AnalysisFeed>();
        var idle = TimeSpan.FromSeconds(context.RequestServices.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.WebSocketTimeoutSeconds);
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var session = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using var idleTimer = new Timer(_ => CancelQuietly(session), null, idle, Timeout.InfiniteTimeSpan);
        var reader = ReadClientAsync(socket, session, idleTimer, idle);
        try
        {
            await SendAsync(socket, new { type = "connect", analysisId, after }, session.Token);
            await foreach (var item in feed.WatchAsync(user, analysisId, after, session.Token))
            {
                idleTimer.Change(idle, Timeout.InfiniteTimeSpan);
                await SendAsync(socket, WebSocketEvents.From(item), session.Token);
            }

            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "analysis complete");
        }
        catch (Exception ex) when (socket.State == WebSocketState.Open && stopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested
                                   && ex is OperationCanceledException or ServerStoppingException)
        {
            // A restart, not a failure: tell the client to reconnect (with ?after=N) and close as "going away" (1001).
            var status = ErrorStatus.From(new ServerStoppingException())!;
            await SendAsync(socket, new { type = "error", code = status.Code, message = status.Message, reconnect = true }, CancellationToken.None);
            await CloseAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "server restarting; reconnect");
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure,
                context.RequestAborted.IsCancellationRequested ? "client gone" : "idle timeout or client disconnect");
        }
        catch (Exception ex) when (socket.State == WebSocketState.Open)
        {
            var status = ErrorStatus.From(ex) ?? ErrorStatus.Internal;
            AuditMiddleware.MarkStatus(context, status.Code);
            await SendAsync(socket, new { type = "error", code = status.Code, message = status.Message }, CancellationToken.None);
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "analysis failed");
        }
        finally
        {
            // Wait for the client's half of the close handshake; a client that never answers is cut off.
            await session.CancelAsync();
            await reader.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!reader.IsCompleted)
            {
                socket.Abort();
            }
        }
    }

    /// <summary>
    /// Reads what the client sends until it closes. Receives are never cancelled: cancelling a pending
    /// receive aborts the socket, and the close handshake needs this loop to see the client's close.
    /// </summary>
    private static async Task ReadClientAsync(WebSocket socket, CancellationTokenSource session, Timer idleTimer, TimeSpan idle)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await session.CancelAsync();
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "client disconnected");
                    }

                    return;
                }

                idleTimer.Change(idle, Timeout.InfiniteTimeSpan);
                if (received.MessageType == WebSocketMessageType.Text && IsDisconnect(buffer.AsSpan(0, received.Count)))
                {
                    await session.CancelAsync();
                }
            }
        }
        catch (WebSocketException)
        {
            await session.CancelAsync();
        }
    }

    private static void CancelQuietly(CancellationTokenSource session)
    {
        try
        {
            session.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session already ended.
        }
    }

    private static bool IsDisconnect(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.TryGetProperty("type", out var type) && type.GetString() == "disconnect";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task SendAsync(WebSocket socket, object message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message as string ?? JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The peer is gone; nothing left to tell it.
            }
        }
    }
}
