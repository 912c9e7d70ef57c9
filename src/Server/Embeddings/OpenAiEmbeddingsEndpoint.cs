using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// The wire side of an OpenAI-compatible POST /embeddings (https://platform.openai.com/docs/api-reference/embeddings).
/// Servers that call themselves compatible differ: vLLM answers 400 to `dimensions` for a model without matryoshka
/// support, some servers reject `encoding_format: "base64"` and some ignore it and return float arrays. So
/// `dimensions` goes out only when EMBEDDING_DIMENSION was set, base64 is asked first (a quarter of the JSON size)
/// and a 400 naming the encoding switches this endpoint to floats for good, and either answer shape is read.
/// 429, 5xx, refused connections and attempt timeouts are retried MAX_RETRIES times (after Retry-After when the server
/// sends it) by the "embeddings" HttpClient's resilience handler (<see cref="Outbound.OutboundHttpClients"/>).
/// </summary>
public sealed class OpenAiEmbeddingsEndpoint
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly string _apiKey;
    private readonly string _model;
    private volatile bool _floatOnly;

    public OpenAiEmbeddingsEndpoint(HttpClient http, Uri baseUrl, string apiKey, string model)
    {
        _http = http;
        _url = new Uri(baseUrl.ToString().TrimEnd('/') + "/embeddings");
        _apiKey = apiKey;
        _model = model;
    }

    /// <summary>True once the server refused base64: every request since asks for floats.</summary>
    public bool FloatOnly => _floatOnly;

    /// <summary>One vector for <paramref name="text"/>, of the endpoint's length (or <paramref name="dimensions"/> when given).</summary>
    public async Task<float[]> EmbedAsync(string text, int? dimensions, CancellationToken cancellationToken)
    {
        while (true)
        {
            var asked = _floatOnly ? "float" : "base64";
            using var response = await SendAsync(text, dimensions, asked, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Parse(body);
            }

            var status = (int)response.StatusCode;
            if (status is 400 or 422 && asked == "base64" && Mentions(body, "encoding_format", "base64", "encoding format"))
            {
                _floatOnly = true;
                continue;
            }

            if (status is 400 or 422 && dimensions is not null && Mentions(body, "dimensions", "matryoshka"))
            {
                throw new InvalidOperationException(
                    $"The embeddings endpoint refuses the `dimensions` parameter ({status}: {Shorten(body)}). Unset EMBEDDING_DIMENSION to use the model's own vector length.");
            }

            throw new HttpRequestException($"The embeddings endpoint answered {status}: {Shorten(body)}", null, response.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string text, int? dimensions, string encoding, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["model"] = _model, ["input"] = new JsonArray(text), ["encoding_format"] = encoding };
        if (dimensions is { } d)
        {
            request["dimensions"] = d;
        }

        var json = request.ToJsonString();
        using var message = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return await _http.SendAsync(message, cancellationToken);
    }

    /// <summary>data[0].embedding as a base64 string of little-endian float32, or as a JSON array of numbers.</summary>
    internal static float[] Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.GetProperty("data");
        if (data.GetArrayLength() != 1)
        {
            throw new InvalidOperationException($"The embeddings endpoint returned {data.GetArrayLength()} vectors for one input.");
        }

        var embedding = data[0].GetProperty("embedding");
        if (embedding.ValueKind == JsonValueKind.String)
        {
            var bytes = Convert.FromBase64String(embedding.GetString()!);
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }

        var vector = new float[embedding.GetArrayLength()];
        var i = 0;
        foreach (var value in embedding.EnumerateArray())
        {
            vector[i++] = value.GetSingle();
        }

        return vector;
    }

    private static bool Mentions(string body, params string[] words) => words.Any(w => body.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
