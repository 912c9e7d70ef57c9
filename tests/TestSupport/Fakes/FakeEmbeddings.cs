using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedicalImaging.Server.Embeddings;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>
/// A real HTTP server speaking OpenAI's POST /v1/embeddings (float or base64 encoding, the `dimensions`
/// parameter, usage). Vectors come from feature hashing, so related texts get close vectors.
/// </summary>
public sealed class FakeEmbeddings : FakeHttpServer
{
    /// <summary>When set, every request answers this status (with an OpenAI error body).</summary>
    public int? FailWith { get; set; }

    /// <summary>The API key the fake accepts.</summary>
    public string ApiKey { get; set; } = "test-embedding-key";

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

        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("""{"error":{"message":"The server had an error","type":"server_error"}}""");
            return;
        }

        var request = JsonNode.Parse(body)!;
        var inputs = request["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
        var dimensions = request["dimensions"]?.GetValue<int>() ?? 1536;
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
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
