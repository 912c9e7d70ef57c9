using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>A real HTTP server speaking PubMed E-utilities JSON (esearch + esummary).</summary>
public sealed class FakePubMed : FakeHttpServer
{
    /// <summary>Articles the search finds: PMID → (title, journal, year, DOI).</summary>
    public IReadOnlyDictionary<string, (string Title, string Journal, int Year, string Doi)> Articles { get; set; } =
        new Dictionary<string, (string, string, int, string)>
        {
            ["31415926"] = ("Imaging of solitary pulmonary nodules on chest radiography.", "Radiology", 2019, "10.1148/radiol.2019000001"),
            ["27182818"] = ("Management of incidental lung opacities.", "Journal of Thoracic Imaging", 2021, "10.1097/RTI.0000000000000002"),
        };

    /// <summary>When set, every request answers this status.</summary>
    public int? FailWith { get; set; }

    public static async Task<FakePubMed> StartAsync()
    {
        var fake = new FakePubMed();
        await fake.StartListeningAsync();
        return fake;
    }

    protected override Task HandleAsync(HttpContext context, string body)
    {
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
