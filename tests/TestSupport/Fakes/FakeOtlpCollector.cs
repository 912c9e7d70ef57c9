using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>
/// An OTLP/HTTP collector: accepts POST /v1/traces and /v1/metrics (protobuf) and keeps the bodies. Span names, the
/// service name and instrument names are plain strings inside the protobuf, so a test can look for them.
/// </summary>
public sealed class FakeOtlpCollector : FakeHttpServer
{
    private readonly ConcurrentQueue<(string Path, string Body)> _exports = new();

    private FakeOtlpCollector()
    {
    }

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        await collector.StartListeningAsync();
        return collector;
    }

    /// <summary>The bodies received on <paramref name="path"/> (e.g. /v1/traces), read as UTF-8: the strings in them survive.</summary>
    public IReadOnlyList<string> Bodies(string path) => _exports.Where(e => e.Path == path).Select(e => e.Body).ToList();

    protected override Task HandleAsync(HttpContext context, string body)
    {
        _exports.Enqueue((context.Request.Path.Value ?? string.Empty, body));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
        return Task.CompletedTask;
    }
}
