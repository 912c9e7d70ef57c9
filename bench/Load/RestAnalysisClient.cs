using System.Net.Http.Headers;
using System.Text;

namespace MedicalImaging.Load;

/// <summary>
/// POST /api/v1/medical-imaging/analyze (JSON transcoding) read as NDJSON to the result line, through one
/// HttpClient (HTTP/1.1, a connection per concurrent stream) — what a REST integration does.
/// </summary>
internal sealed class RestAnalysisClient(Uri restAddress, string token, byte[] image, string fileName) : IAnalysisClient
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = restAddress,
        Timeout = TimeSpan.FromMinutes(30),
    };

    private readonly byte[] _body = Encoding.UTF8.GetBytes($$"""{"images":[{"filename":"{{fileName}}","content":"{{Convert.ToBase64String(image)}}"}]}""");
    private readonly AuthenticationHeaderValue _auth = new("Bearer", token);

    public async Task<(bool Ok, string? Error)> AnalyzeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/medical-imaging/analyze") { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _auth;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (false, $"HTTP {(int)response.StatusCode}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        string? last = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                last = line;
            }
        }

        // The last line is the result ({"analysisId":…,"result":{…}}) or an error ({"code":…,"message":…}).
        if (last is not null && last.Contains("\"result\":", StringComparison.Ordinal))
        {
            Stages.RecordResultLine(last);
            return (true, null);
        }

        return (false, last is null ? "empty stream" : Shorten(last));
    }

    public StageTimes Stages { get; } = new();

    public void Dispose() => _http.Dispose();

    private static string Shorten(string line) => line.Length > 120 ? line[..120] : line;
}
