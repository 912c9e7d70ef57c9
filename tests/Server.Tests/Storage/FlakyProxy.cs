using MedicalImaging.Tests.Support.Fakes;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>
/// A real HTTP proxy to Neo4j that answers 503 to its first requests, then forwards (rewriting discovery URLs to itself).
/// <see cref="Down"/> makes it answer 503 to everything (Neo4j unreachable behind a load balancer); <see cref="Stalling"/>
/// makes it accept requests and never answer (a hung Neo4j), until the caller gives up.
/// </summary>
internal sealed class FlakyProxy : FakeHttpServer
{
    private readonly Uri _target;
    private readonly HttpClient _http = new();
    private int _failuresLeft;

    private FlakyProxy(Uri target, int failures)
    {
        _target = target;
        _failuresLeft = failures;
    }

    public int Failed { get; private set; }

    public int Forwarded { get; private set; }

    /// <summary>While true, every request is answered 503.</summary>
    public bool Down { get; set; }

    /// <summary>While true, every request is held unanswered until the caller hangs up.</summary>
    public bool Stalling { get; set; }

    /// <summary>While true, report writes (and only they) are held unanswered until the caller hangs up.</summary>
    public bool StallingReportWrites { get; set; }

    /// <summary>Requests held unanswered so far.</summary>
    public int Stalled => _stalled;

    private int _stalled;

    public static async Task<FlakyProxy> StartAsync(Uri target, int failures)
    {
        var proxy = new FlakyProxy(target, failures);
        await proxy.StartListeningAsync();
        return proxy;
    }

    protected override async Task HandleAsync(HttpContext context, string body)
    {
        if (Stalling || (StallingReportWrites && body.Contains("CREATE (r:Report", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _stalled);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (Down || Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failed++;
            context.Response.StatusCode = 503;
            return;
        }

        Forwarded++;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, context.Request.Path + context.Request.QueryString));
        if (context.Request.Headers.Authorization.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        }

        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = (await response.Content.ReadAsStringAsync()).Replace(_target.ToString().TrimEnd('/'), BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text);
    }
}
