using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>
/// A real HTTP server speaking PubMed E-utilities JSON (esearch + esummary), and NCBI's rate-limit answer: 429 with
/// `{"error":"API rate limit exceeded","api-key":"…","count":"4","limit":"3"}` (NLM KA-05510,
/// https://support.nlm.nih.gov/kbArticle/?pn=KA-05510). It records when each request arrived, so a test can
/// check the rate NCBI would see.
/// </summary>
public sealed class FakePubMed : FakeHttpServer
{
    private readonly ConcurrentQueue<long> _arrivals = new();
    private int _rateLimitedLeft;

    /// <summary>Articles the search finds: PMID → (title, journal, year, DOI).</summary>
    public IReadOnlyDictionary<string, (string Title, string Journal, int Year, string Doi)> Articles { get; set; } =
        new Dictionary<string, (string, string, int, string)>
        {
            ["31415926"] = ("Imaging of solitary pulmonary nodules on chest radiography.", "Radiology", 2019, "10.1148/radiol.2019000001"),
            ["27182818"] = ("Management of incidental lung opacities.", "Journal of Thoracic Imaging", 2021, "10.1097/RTI.0000000000000002"),
        };

    /// <summary>When set, every request answers this status.</summary>
    public int? FailWith { get; set; }

    /// <summary>Retry-After (seconds) sent with a scripted 429; null sends none.</summary>
    public int? RetryAfterSeconds { get; set; } = 1;

    /// <summary>Arrival time of every request (Stopwatch timestamps), in order.</summary>
    public IReadOnlyList<TimeSpan> Arrivals => _arrivals.Select(t => TimeSpan.FromSeconds((double)t / Stopwatch.Frequency)).ToList();

    /// <summary>Answers the next <paramref name="count"/> requests with NCBI's 429 rate-limit body.</summary>
    public void RateLimitNext(int count) => Interlocked.Exchange(ref _rateLimitedLeft, count);

    public static async Task<FakePubMed> StartAsync()
    {
        var fake = new FakePubMed();
        await fake.StartListeningAsync();
        return fake;
    }

    protected override Task HandleAsync(HttpContext context, string body)
    {
        _arrivals.Enqueue(Stopwatch.GetTimestamp());
        if (Interlocked.Decrement(ref _rateLimitedLeft) >= 0)
        {
            context.Response.StatusCode = 429;
            context.Response.ContentType = "application/json";
            if (RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return context.Response.WriteAsync("""{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}""");
        }

        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        var path = context.Request.Path.Value!;
        if (path.EndsWith("esearch.fcgi", StringComparison.Ordinal))
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                header = new { type = "esearch", version = "0.3" },
                esearchresult = new { count = Articles.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), retmax = "5", retstart = "0", idlist = Articles.Keys.ToArray() },
            }));
        }

        if (path.EndsWith("esummary.fcgi", StringComparison.Ordinal))
        {
            var ids = context.Request.Query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var result = new Dictionary<string, object> { ["uids"] = ids };
            foreach (var id in ids.Where(Articles.ContainsKey))
            {
                var a = Articles[id];
                result[id] = new
                {
                    uid = id,
                    pubdate = $"{a.Year} Mar 4",
                    source = "Abbrev J",
                    fulljournalname = a.Journal,
                    title = a.Title,
                    authors = new[] { new { name = "Smith J", authtype = "Author" }, new { name = "Doe A", authtype = "Author" } },
                    articleids = new[] { new { idtype = "pubmed", value = id }, new { idtype = "doi", value = a.Doi } },
                };
            }

            return context.Response.WriteAsync(JsonSerializer.Serialize(new { header = new { type = "esummary" }, result }));
        }

        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}
