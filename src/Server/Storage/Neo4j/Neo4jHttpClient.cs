using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedicalImaging.Server.Configuration;
using Polly;
using Polly.Retry;

namespace MedicalImaging.Server.Storage.Neo4j;

/// <summary>
/// Neo4j's HTTP Cypher API (the transactional commit endpoint), found by discovery at <c>GET /</c>:
/// 4.x/5.x return a <c>transaction</c> template <c>/db/{databaseName}/tx</c>; 3.x return <c>data</c>
/// whose <c>transaction</c> is <c>/db/data/transaction</c>. All statements of a call run in one
/// transaction. Timeouts and retries of the HTTP exchange (refused connections, 5xx, a stalled server)
/// belong to the "neo4j" HttpClient's resilience handler (<see cref="Outbound.OutboundHttpClients"/>); an error
/// Neo4j reports inside a 200 answer as Neo.TransientError.* (a deadlock between two writers merging the
/// same shared node) is retried here by a Polly pipeline. Both are safe because every statement set we send is
/// idempotent (reads; MERGE; a report write that finds its report already stored is a no-op).
/// </summary>
public sealed class Neo4jHttpClient
{
    /// <summary>The name of the HttpClient the factory builds for Neo4j.</summary>
    public const string HttpClientName = Outbound.OutboundHttpClients.Neo4jClientName;

    private static readonly ResiliencePipeline TransientErrors = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Neo4jException>(e => e.IsTransient),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    private readonly Func<HttpClient> _http;
    private readonly Neo4jOptions _options;
    private Uri? _commit;

    /// <summary>Over one client (tests; the client's own handlers decide timeouts and retries).</summary>
    public Neo4jHttpClient(HttpClient http, Neo4jOptions options)
    {
        _http = () => http;
        _options = options;
    }

    /// <summary>Over the factory's "neo4j" client, taken per call so its handlers are recycled.</summary>
    public Neo4jHttpClient(IHttpClientFactory factory, Neo4jOptions options)
    {
        _http = () => factory.CreateClient(HttpClientName);
        _options = options;
    }

    /// <summary>The server's version, known after <see cref="DiscoverAsync"/>.</summary>
    public Version ServerVersion { get; private set; } = new(0, 0);

    public async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var root = new Uri(_options.Uri!.TrimEnd('/') + "/");
        using var discovery = await SendAsync(Request(HttpMethod.Get, root, null), cancellationToken);
        var document = await ReadJsonAsync(discovery, cancellationToken);
        if (document.TryGetProperty("transaction", out var template))
        {
            _commit = new Uri(root, template.GetString()!.Replace("{databaseName}", _options.Database, StringComparison.Ordinal).TrimEnd('/') + "/commit");
            ServerVersion = ParseVersion(document.TryGetProperty("neo4j_version", out var v) ? v.GetString() : null);
            return;
        }

        var data = new Uri(document.GetProperty("data").GetString()!);
        using var dataResponse = await SendAsync(Request(HttpMethod.Get, data, null), cancellationToken);
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
        return await TransientErrors.ExecuteAsync(async token =>
        {
            using var response = await SendAsync(Request(HttpMethod.Post, commit, payload), token);
            var document = await ReadJsonAsync(response, token);
            var errors = document.GetProperty("errors");
            if (errors.GetArrayLength() > 0)
            {
                var error = errors[0];
                throw new Neo4jException(error.GetProperty("code").GetString() ?? "Neo.Unknown", error.GetProperty("message").GetString() ?? string.Empty);
            }

            return (IReadOnlyList<IReadOnlyList<JsonElement[]>>)document.GetProperty("results").EnumerateArray()
                .Select(result => (IReadOnlyList<JsonElement[]>)result.GetProperty("data").EnumerateArray()
                    .Select(row => row.GetProperty("row").EnumerateArray().ToArray()).ToList())
                .ToList();
        }, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var response = await _http().SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                throw new Neo4jException("Neo.ClientError.Security.Unauthorized", "Neo4j refused NEO4J_USER/NEO4J_PASSWORD.");
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                throw new HttpRequestException($"Neo4j answered {(int)status} {status}.", null, status);
            }

            return response;
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

    private static Version ParseVersion(string? text)
    {
        var core = (text ?? "0.0").Split('-')[0];
        return Version.TryParse(core.Contains('.', StringComparison.Ordinal) ? core : core + ".0", out var version) ? version : new Version(0, 0);
    }
}
