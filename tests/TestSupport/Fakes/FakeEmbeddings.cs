using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedicalImaging.Server.Embeddings;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>
/// A real HTTP server speaking OpenAI's POST /v1/embeddings (https://platform.openai.com/docs/api-reference/embeddings:
/// float or base64 encoding, the `dimensions` parameter, usage). Vectors come from feature hashing, so related texts
/// get close vectors. It can also behave like the "compatible" servers that differ: vLLM's 400 to `dimensions` for a
/// model without matryoshka support (its OpenAI-style error `{"object":"error","message":…,"type":"BadRequestError",
/// "code":400}`), a server that refuses base64, and one that ignores encoding_format and answers float arrays.
/// </summary>
public sealed class FakeEmbeddings : FakeHttpServer
{
    /// <summary>Vector length when the request has no `dimensions` (text-embedding-3-small's is 1536).</summary>
    public int NativeDimension { get; set; } = 1536;

    /// <summary>Answer 400 to any request with `dimensions`, as vLLM does for a model without matryoshka support.</summary>
    public bool RejectDimensions { get; set; }

    /// <summary>Ignore `dimensions` and answer <see cref="NativeDimension"/> (some servers accept and drop it).</summary>
    public bool IgnoreDimensions { get; set; }

    /// <summary>Answer 400 to `encoding_format: "base64"`.</summary>
    public bool RejectBase64 { get; set; }

    /// <summary>Ignore encoding_format and always answer float arrays.</summary>
    public bool FloatsOnly { get; set; }

    /// <summary>When set, every request answers this status (with an OpenAI error body).</summary>
    public int? FailWith { get; set; }

    /// <summary>The next this-many requests answer 503 (a transient failure), then the fake answers normally.</summary>
    public int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    private int _failNext;

    /// <summary>The API key the fake accepts.</summary>
    public string ApiKey { get; set; } = "test-embedding-key";

    /// <summary>
    /// The settings that point a server at this fake (EMBEDDING_PROVIDER=openai, its URL, key and a model), with
    /// <paramref name="dimension"/> as EMBEDDING_DIMENSION (null: unset, the server probes it); add more to the answer.
    /// </summary>
    public Dictionary<string, string?> ServerSettings(string? dimension = "64") => new()
    {
        ["EMBEDDING_PROVIDER"] = "openai",
        ["EMBEDDING_BASE_URL"] = new Uri(BaseAddress, "v1").ToString(),
        ["EMBEDDING_API_KEY"] = ApiKey,
        ["EMBEDDING_MODEL"] = "test-embed",
        ["EMBEDDING_DIMENSION"] = dimension,
    };

    public static async Task<FakeEmbeddings> StartAsync()
    {
        var fake = new FakeEmbeddings();
        await fake.StartListeningAsync();
        return fake;
    }

    protected override async Task HandleAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        if (context.Request.Path != "/v1/embeddings" || context.Request.Method != "POST")
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"error":{"message":"not found","type":"invalid_request_error"}}""");
            return;
        }

        if (context.Request.Headers.Authorization != "Bearer " + ApiKey)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""");
            return;
        }

        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("""{"error":{"message":"The server is overloaded","type":"server_error"}}""");
            return;
        }

        Interlocked.Exchange(ref _failNext, 0);
        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("""{"error":{"message":"The server had an error","type":"server_error"}}""");
            return;
        }

        var request = JsonNode.Parse(body)!;
        if (RejectDimensions && request["dimensions"] is not null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"object":"error","message":"Model \"test-embed\" does not support matryoshka representation, changing output dimensions will lead to poor results.","type":"BadRequestError","param":null,"code":400}""");
            return;
        }

        if (RejectBase64 && request["encoding_format"]?.GetValue<string>() == "base64")
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":{"message":"encoding_format 'base64' is not supported, use 'float'","type":"invalid_request_error","param":"encoding_format"}}""");
            return;
        }

        var inputs = request["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
        var dimensions = IgnoreDimensions ? NativeDimension : request["dimensions"]?.GetValue<int>() ?? NativeDimension;
        var base64 = !FloatsOnly && request["encoding_format"]?.GetValue<string>() == "base64";
        var embedder = new HashingEmbedder(dimensions);
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = embedder.Embed(inputs[i]);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = inputs.Sum(t => t.Split(' ').Length);
        await context.Response.WriteAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString(JsonSerializerOptions.Default));
    }
}
