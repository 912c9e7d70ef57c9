using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedicalImaging.Server.Configuration;

namespace MedicalImaging.Server.Storage.Neo4j;

/// <summary>
/// Neo4j's HTTP Cypher API (the transactional commit endpoint), found by discovery at <c>GET /</c>:
/// 4.x/5.x return a <c>transaction</c> template <c>/db/{databaseName}/tx</c>; 3.x return <c>data</c>
/// whose <c>transaction</c> is <c>/db/data/transaction</c>. All statements of a call run in one
/// transaction. Transient errors (Neo.TransientError.*, 5xx, refused connections) are retried.
/// </summary>
public sealed class Neo4jHttpClient
{
    private const int Attempts = 4;
    private readonly HttpClient _http;
    private readonly Neo4jOptions _options;
    private Uri? _commit;

    public Neo4jHttpClient(HttpClient http, Neo4jOptions options)
    {
        _http = http;
        _options = options;
    }

    /// <summary>The server's version, known after <see cref="DiscoverAsync"/>.</summary>
    public Version ServerVersion { get; private set; } = new(0, 0);

    public async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var root = new Uri(_options.Uri!.TrimEnd('/') + "/");
        using var discovery = await SendWithRetryAsync(() => Request(HttpMethod.Get, root, null), cancellationToken);
        var document = await ReadJsonAsync(discovery, cancellationToken);
        if (document.TryGetProperty("transaction", out var template))
        {
            _commit = new Uri(root, template.GetString()!.Replace("{databaseName}", _options.Database, StringComparison.Ordinal).TrimEnd('/') + "/commit");
            ServerVersion = ParseVersion(document.TryGetProperty("neo4j_version", out var v) ? v.GetString() : null);
            return;
        }

        var data = new Uri(document.GetProperty("data").GetString()!);
        using var dataResponse = await SendWithRetryAsync(() => Request(HttpMethod.Get, data, null), cancellationToken);
        var dataDocument = await ReadJsonAsync(dataResponse, cancellationToken);
        _commit = new Uri(dataDocument.GetProperty("transaction").GetString()!.TrimEnd('/') + "/commit");
        ServerVersion = ParseVersion(dataDocument.TryGetProperty("neo4j_version", out var version) ? version.GetString() : null);
    }

    /// <summary>Runs the statements in one transaction; answers each statement's rows.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<JsonElement[]>>> RunAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var commit = _commit ?? throw new InvalidOperationException("Neo4j discovery has not run.");
        var body = new
        {
            statements = statements.Select(s => new { statement = s.Text, parameters = s.Parameters, resultDataContents = new[] { "row" } }),
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(body);
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendWithRetryAsync(() => Request(HttpMethod.Post, commit, payload), cancellationToken);
            var document = await ReadJsonAsync(response, cancellationToken);
            var errors = document.GetProperty("errors");
            if (errors.GetArrayLength() > 0)
            {
                var error = errors[0];
                var exception = new Neo4jException(error.GetProperty("code").GetString() ?? "Neo.Unknown", error.GetProperty("message").GetString() ?? string.Empty);
                if (exception.IsTransient && attempt < Attempts)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken);
                    continue;
                }

                throw exception;
            }

            return document.GetProperty("results").EnumerateArray()
                .Select(result => (IReadOnlyList<JsonElement[]>)result.GetProperty("data").EnumerateArray()
                    .Select(row => row.GetProperty("row").EnumerateArray().ToArray()).ToList())
                .ToList();
        }
    }

    private async Task<HttpResponseMessage> SendWithRetryAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                using var message = request();
                response = await _http.SendAsync(message, cancellationToken);
                if ((int)response.StatusCode < 500 || attempt == Attempts)
                {
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        response.Dispose();
                        throw new Neo4jException("Neo.ClientError.Security.Unauthorized", "Neo4j refused NEO4J_USER/NEO4J_PASSWORD.");
                    }

                    response.EnsureSuccessStatusCode();
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                // Connection refused or reset: Neo4j may be restarting.
            }

            response?.Dispose();
            await Task.Delay(Backoff(attempt), cancellationToken);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri, byte[]? json)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_options.Password))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}")));
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(100 * Math.Pow(3, attempt - 1) + Random.Shared.Next(50));

    private static Version ParseVersion(string? text)
    {
        var core = (text ?? "0.0").Split('-')[0];
        return Version.TryParse(core.Contains('.', StringComparison.Ordinal) ? core : core + ".0", out var version) ? version : new Version(0, 0);
    }
}
