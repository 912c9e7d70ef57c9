using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>A real HTTP server on a free loopback port that records every request it receives.</summary>
public abstract class FakeHttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    protected async Task StartListeningAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(),
                body) { ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp() });
            await HandleAsync(context, body);
        });
        await _app.StartAsync();
        var address = _app.Urls.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected abstract Task HandleAsync(HttpContext context, string body);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>One request a fake received.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, string Body)
{
    /// <summary>When it arrived (a Stopwatch timestamp): the gap between two requests is the delay the server waited.</summary>
    public long ReceivedAt { get; init; }

    /// <summary>The time between <paramref name="earlier"/> arriving and this request arriving.</summary>
    public TimeSpan ArrivedAfter(RecordedRequest earlier) => System.Diagnostics.Stopwatch.GetElapsedTime(earlier.ReceivedAt, ReceivedAt);
}
