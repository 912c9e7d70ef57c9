using System.Globalization;
using System.Text.Json;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Literature;

/// <summary>
/// PubMed E-utilities: esearch (ids) then esummary (title, authors, journal, year, DOI), JSON. Every request carries
/// NCBI's `tool` and `email` parameters (PUBMED_TOOL, PUBMED_EMAIL) and goes through the "pubmed" HttpClient, whose
/// <see cref="PubMedThrottleHandler"/> keeps the whole server within NCBI's rate and waits out a 429.
/// </summary>
public sealed class PubMedSearch : ILiteratureSearch
{
    /// <summary>Name of the IHttpClientFactory client carrying the rate limiter and 429 handling.</summary>
    public const string HttpClientName = "pubmed";
    private readonly IHttpClientFactory _clients;
    private readonly ProviderOptions _options;
    private readonly EgressGuard _guard;

    public PubMedSearch(IHttpClientFactory clients, IOptions<ProviderOptions> options, EgressGuard guard)
    {
        _clients = clients;
        _options = options.Value;
        _guard = guard;
    }

    public async Task<IReadOnlyList<LiteratureCitation>> SearchAsync(string query, IdentifierSet known, int maxResults, CancellationToken cancellationToken)
    {
        query = _guard.Release("pubmed", "literature", _guard.Redact(query, known), known);
        var baseUrl = _options.PubMedBaseUrl.TrimEnd('/') + "/";
        var key = "&tool=" + Uri.EscapeDataString(_options.PubMedTool)
            + (string.IsNullOrEmpty(_options.PubMedEmail) ? string.Empty : "&email=" + Uri.EscapeDataString(_options.PubMedEmail))
            + (string.IsNullOrEmpty(_options.PubMedApiKey) ? string.Empty : "&api_key=" + Uri.EscapeDataString(_options.PubMedApiKey));
        var search = await GetJsonAsync(
            new Uri($"{baseUrl}esearch.fcgi?db=pubmed&retmode=json&sort=relevance&retmax={maxResults}&term={Uri.EscapeDataString(query)}{key}"),
            cancellationToken);
        var ids = search.RootElement.GetProperty("esearchresult").GetProperty("idlist").EnumerateArray()
            .Select(i => i.GetString()).Where(IsPmid).Cast<string>().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        using var summary = await GetJsonAsync(
            new Uri($"{baseUrl}esummary.fcgi?db=pubmed&retmode=json&id={string.Join(',', ids)}{key}"), cancellationToken);
        var result = summary.RootElement.GetProperty("result");
        var citations = new List<LiteratureCitation>(ids.Count);
        foreach (var id in ids)
        {
            if (result.TryGetProperty(id, out var article) && article.ValueKind == JsonValueKind.Object && !article.TryGetProperty("error", out _))
            {
                citations.Add(ToCitation(id, article));
            }
        }

        return citations;
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await _clients.CreateClient(HttpClientName).GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private static LiteratureCitation ToCitation(string pmid, JsonElement article)
    {
        string Text(string name) => article.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : string.Empty;
        var authors = article.TryGetProperty("authors", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty).Where(n => n.Length > 0).ToList()
            : [];
        var pubDate = Text("pubdate");
        var year = pubDate.Length >= 4 && int.TryParse(pubDate.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
        string? doi = null;
        if (article.TryGetProperty("articleids", out var articleIds) && articleIds.ValueKind == JsonValueKind.Array)
        {
            doi = articleIds.EnumerateArray()
                .Where(a => a.TryGetProperty("idtype", out var t) && t.GetString() == "doi")
                .Select(a => a.TryGetProperty("value", out var v) ? v.GetString() : null)
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        }

        var journal = Text("fulljournalname");
        return new LiteratureCitation(pmid, Text("title"), authors, journal.Length > 0 ? journal : Text("source"), year, doi, $"https://pubmed.ncbi.nlm.nih.gov/{pmid}/");
    }

    private static bool IsPmid(string? id) => id is { Length: > 0 and <= 10 } && id.All(char.IsAsciiDigit);
}
