using MedicalImaging.Tests.Support.Fakes;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Server.Tests.Storage;

/// <summary>A real HTTP proxy to Neo4j that answers 503 to its first requests, then forwards (rewriting discovery URLs to itself).</summary>
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

    public static async Task<FlakyProxy> StartAsync(Uri target, int failures)
    {
        var proxy = new FlakyProxy(target, failures);
        await proxy.StartListeningAsync();
        return proxy;
    }

    protected override async Task HandleAsync(HttpContext context, string body)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
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
