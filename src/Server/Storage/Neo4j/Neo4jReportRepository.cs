using System.Runtime.CompilerServices;
using System.Text.Json;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Storage.Neo4j;

/// <summary>
/// The graph store: (:User)-[:OWNS]->(:Report)-[:HAS_IMAGE]->(:Image), (:Report)-[:HAS_FINDING]->(:Finding)
/// -[:LOCATED_IN]->(:Anatomy), (:Finding)-[:INDICATES]->(:Condition), (:Report)-[:CITES]->(:Citation),
/// (:Report)-[:HAS_HEATMAP]->(:Heatmap), (:Report)-[:SIMILAR_TO {score}]->(:Report). Anatomy, Condition, Image, Citation and User nodes are shared
/// (MERGE): the knowledge graph. The report body is
/// also kept as JSON on the Report node, so reads return exactly what SQLite returns. One transaction
/// per report write; batched with UNWIND; parameters only.
/// </summary>
public sealed class Neo4jReportRepository : IReportRepository
{
    private const string SummaryReturn =
        "RETURN r.id, r.case_id, r.created_at, r.modality, r.body_part, r.impression, r.overall_severity, r.finding_count, r.provider";

    private readonly Neo4jHttpClient _client;

    public Neo4jReportRepository(Neo4jHttpClient client) => _client = client;

    public string ProviderName => "neo4j";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _client.DiscoverAsync(cancellationToken);
        foreach (var ddl in Neo4jSchema.Statements(_client.ServerVersion))
        {
            // Schema statements cannot share a transaction with each other on 3.x: one call each.
            await _client.RunAsync([new CypherStatement(ddl, Empty)], cancellationToken);
        }
    }

    /// <summary>
    /// One transaction. Idempotent by report id: the Report node is CREATEd under a uniqueness constraint on its id,
    /// so a second write of the same report (a retried POST whose first answer was lost, the outbox draining a
    /// write that had in fact been committed) fails as a whole, creates nothing, and is answered as done.
    /// </summary>
    public async Task SaveAsync(MedicalReport report, StoredEmbedding embedding, IReadOnlyList<StoredHeatmap> heatmaps, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(report, embedding, heatmaps, cancellationToken);
        }
        catch (Neo4jException ex) when (ex.Code == "Neo.ClientError.Schema.ConstraintValidationFailed")
        {
            var rows = await SingleAsync("MATCH (r:Report {id: $id}) RETURN r.owner_id", new() { ["id"] = report.Id }, cancellationToken);
            if (rows.Count == 0 || rows[0][0].GetString() != report.OwnerId)
            {
                throw;
            }
        }
    }

    private Task<IReadOnlyList<IReadOnlyList<JsonElement[]>>> WriteAsync(MedicalReport report, StoredEmbedding embedding, IReadOnlyList<StoredHeatmap> heatmaps, CancellationToken cancellationToken)
    {
        var id = report.Id;
        return _client.RunAsync(
        [
            new("""
                MERGE (u:User {id: $owner})
                CREATE (r:Report {id: $id, owner_id: $owner, case_id: $case_id, created_at: $created_at, modality: $modality,
                                  body_part: $body_part, impression: $impression, overall_severity: $severity, finding_count: $finding_count,
                                  provider: $provider, cache_key: $cache_key, body: $body, embedding_model: $embedding_model, embedding: $embedding})
                CREATE (u)-[:OWNS]->(r)
                """, new Dictionary<string, object?>
            {
                ["id"] = id, ["owner"] = report.OwnerId, ["case_id"] = report.CaseId, ["created_at"] = report.CreatedAt.ToUnixTimeMilliseconds(),
                ["modality"] = report.Modality, ["body_part"] = report.BodyPart, ["impression"] = report.Impression,
                ["severity"] = (int)report.OverallSeverity, ["finding_count"] = report.Findings.Count, ["provider"] = report.Provenance.Provider,
                ["cache_key"] = report.CacheKey, ["body"] = JsonSerializer.Serialize(report, StorageJsonContext.Default.MedicalReport),
                ["embedding_model"] = embedding.Model, ["embedding"] = embedding.Vector,
            }),
            new("""
                MATCH (r:Report {id: $id})
                UNWIND $images AS image
                MERGE (i:Image {id: image.id})
                CREATE (r)-[:HAS_IMAGE {index: image.index, filename: image.filename}]->(i)
                """, new Dictionary<string, object?>
            {
                ["id"] = id,
                ["images"] = report.Images.Select(i => new Dictionary<string, object?> { ["id"] = i.ImageId, ["index"] = i.Index, ["filename"] = i.Filename }).ToList(),
            }),
            new("""
                MATCH (r:Report {id: $id})
                UNWIND $findings AS finding
                CREATE (r)-[:HAS_FINDING]->(f:Finding {key: $id + '/' + finding.id, id: finding.id, description: finding.description,
                                                      severity: finding.severity, confidence: finding.confidence, image_index: finding.image_index})
                MERGE (a:Anatomy {name: finding.anatomy})
                CREATE (f)-[:LOCATED_IN]->(a)
                FOREACH (condition IN finding.conditions | MERGE (c:Condition {name: condition}) CREATE (f)-[:INDICATES]->(c))
                """, new Dictionary<string, object?>
            {
                ["id"] = id,
                ["findings"] = report.Findings.Select(f => new Dictionary<string, object?>
                {
                    ["id"] = f.Id, ["description"] = f.Description, ["severity"] = (int)f.Severity, ["confidence"] = f.Confidence,
                    ["image_index"] = f.ImageIndex, ["anatomy"] = AnatomyName(f.Anatomy), ["conditions"] = ConditionTerms.Extract(f.Description),
                }).ToList(),
            }),
            new("""
                MATCH (r:Report {id: $id})
                UNWIND $citations AS citation
                MERGE (c:Citation {pmid: citation.pmid})
                ON CREATE SET c.title = citation.title, c.journal = citation.journal, c.year = citation.year, c.doi = citation.doi, c.url = citation.url
                CREATE (r)-[:CITES]->(c)
                """, new Dictionary<string, object?>
            {
                ["id"] = id,
                ["citations"] = report.Citations.Select(c => new Dictionary<string, object?>
                {
                    ["pmid"] = c.Pmid, ["title"] = c.Title, ["journal"] = c.Journal, ["year"] = c.Year, ["doi"] = c.Doi, ["url"] = c.Url,
                }).ToList(),
            }),
            new("""
                MATCH (r:Report {id: $id})
                UNWIND $similar AS link
                MATCH (o:Report {id: link.id}) WHERE o.owner_id = $owner
                CREATE (r)-[:SIMILAR_TO {score: link.score}]->(o)
                """, new Dictionary<string, object?>
            {
                ["id"] = id, ["owner"] = report.OwnerId,
                ["similar"] = embedding.SimilarTo.Select(l => new Dictionary<string, object?> { ["id"] = l.ReportId, ["score"] = l.Score }).ToList(),
            }),
            new("""
                MATCH (r:Report {id: $id})
                UNWIND $heatmaps AS heatmap
                CREATE (r)-[:HAS_HEATMAP]->(:Heatmap {image_index: heatmap.index, png: heatmap.png})
                """, new Dictionary<string, object?>
            {
                ["id"] = id,
                ["heatmaps"] = heatmaps.Select(h => new Dictionary<string, object?> { ["index"] = h.ImageIndex, ["png"] = Convert.ToBase64String(h.Png) }).ToList(),
            }),
        ], cancellationToken);
    }

    public async Task<MedicalReport?> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        var rows = await SingleAsync("MATCH (r:Report {id: $id}) WHERE r.owner_id = $owner RETURN r.body",
            new() { ["id"] = reportId, ["owner"] = ownerId }, cancellationToken);
        return rows.Count == 0 ? null : Deserialize(rows[0][0].GetString()!);
    }

    public async Task<ReportPage> ListAsync(ReportListQuery query, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?> { ["owner"] = query.OwnerId, ["limit"] = query.PageSize + 1 };
        var where = "r.owner_id = $owner";
        if (!string.IsNullOrEmpty(query.CaseId))
        {
            where += " AND r.case_id = $case_id";
            parameters["case_id"] = query.CaseId;
        }

        if (!string.IsNullOrEmpty(query.Modality))
        {
            where += " AND r.modality = $modality";
            parameters["modality"] = query.Modality;
        }

        if (query.After is { } after)
        {
            where += " AND (r.created_at < $after_ms OR (r.created_at = $after_ms AND r.id < $after_id))";
            parameters["after_ms"] = after.CreatedAtUnixMs;
            parameters["after_id"] = after.ReportId;
        }

        var rows = await SingleAsync($"MATCH (r:Report) WHERE {where} {SummaryReturn} ORDER BY r.created_at DESC, r.id DESC LIMIT $limit", parameters, cancellationToken);
        var summaries = rows.Select(ToSummary).ToList();
        if (summaries.Count <= query.PageSize)
        {
            return new ReportPage(summaries, null);
        }

        summaries.RemoveAt(summaries.Count - 1);
        var last = summaries[^1];
        return new ReportPage(summaries, new ReportCursor(last.CreatedAt.ToUnixTimeMilliseconds(), last.Id));
    }

    public async Task<IReadOnlyList<ReportSummaryInfo>> GetSummariesAsync(string ownerId, IReadOnlyCollection<string> reportIds, CancellationToken cancellationToken)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        var rows = await SingleAsync($"MATCH (r:Report) WHERE r.owner_id = $owner AND r.id IN $ids {SummaryReturn}",
            new() { ["owner"] = ownerId, ["ids"] = reportIds.ToList() }, cancellationToken);
        return rows.Select(ToSummary).ToList();
    }

    public async Task<bool> DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        // The report's own findings and heatmaps go with it; shared Anatomy, Condition, Image, Citation and User nodes stay.
        var rows = await SingleAsync("""
            MATCH (r:Report {id: $id}) WHERE r.owner_id = $owner
            OPTIONAL MATCH (r)-[:HAS_FINDING|HAS_HEATMAP]->(own)
            WITH r, collect(own) AS owned
            FOREACH (n IN owned | DETACH DELETE n)
            DETACH DELETE r
            RETURN count(*)
            """, new() { ["id"] = reportId, ["owner"] = ownerId }, cancellationToken);
        return rows.Count > 0 && rows[0][0].GetInt64() > 0;
    }

    public async Task<IReadOnlySet<string>> FindReferencedImagesAsync(string ownerId, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        var rows = await SingleAsync("""
            UNWIND $images AS image
            MATCH (r:Report) WHERE r.owner_id = $owner AND r.body CONTAINS image
            RETURN DISTINCT image
            """, new() { ["owner"] = ownerId, ["images"] = imageIds.ToArray() }, cancellationToken);
        return rows.Select(row => row[0].GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<MedicalReport?> FindCachedAsync(string ownerId, string cacheKey, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var rows = await SingleAsync("""
            MATCH (r:Report) WHERE r.owner_id = $owner AND r.cache_key = $key AND r.created_at >= $not_before
            RETURN r.body ORDER BY r.created_at DESC LIMIT 1
            """, new() { ["owner"] = ownerId, ["key"] = cacheKey, ["not_before"] = notBefore.ToUnixTimeMilliseconds() }, cancellationToken);
        return rows.Count == 0 ? null : Deserialize(rows[0][0].GetString()!);
    }

    public async Task<byte[]?> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken)
    {
        var rows = await SingleAsync("""
            MATCH (r:Report {id: $id})-[:HAS_HEATMAP]->(h:Heatmap) WHERE r.owner_id = $owner AND h.image_index = $index
            RETURN h.png
            """, new() { ["id"] = reportId, ["owner"] = ownerId, ["index"] = imageIndex }, cancellationToken);
        return rows.Count == 0 ? null : Convert.FromBase64String(rows[0][0].GetString()!);
    }

    public async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = string.Empty;
        while (true)
        {
            var rows = await SingleAsync("""
                MATCH (r:Report) WHERE r.id > $after AND exists(r.embedding)
                RETURN r.id, r.owner_id, r.embedding_model, r.embedding, r.modality, r.body_part ORDER BY r.id LIMIT 1000
                """, new() { ["after"] = after }, cancellationToken);
            foreach (var row in rows)
            {
                yield return new StoredEmbedding(
                    row[0].GetString()!, row[1].GetString()!, row[2].GetString()!,
                    row[3].EnumerateArray().Select(v => (float)v.GetDouble()).ToArray(),
                    row[4].GetString()!, row[5].ValueKind == JsonValueKind.Null ? null : row[5].GetString());
            }

            if (rows.Count < 1000)
            {
                yield break;
            }

            after = rows[^1][0].GetString()!;
        }
    }

    public async Task<bool> ReplaceEmbeddingAsync(StoredEmbedding embedding, CancellationToken cancellationToken)
    {
        var rows = await SingleAsync("""
            MATCH (r:Report {id: $id}) WHERE r.owner_id = $owner
            SET r.embedding_model = $model, r.embedding = $embedding
            RETURN count(r)
            """, new() { ["id"] = embedding.ReportId, ["owner"] = embedding.OwnerId, ["model"] = embedding.Model, ["embedding"] = embedding.Vector }, cancellationToken);
        return rows.Count > 0 && rows[0][0].GetInt64() > 0;
    }

    public Task PingAsync(CancellationToken cancellationToken) => _client.RunAsync([new CypherStatement("RETURN 1", Empty)], cancellationToken);

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private async Task<IReadOnlyList<JsonElement[]>> SingleAsync(string cypher, Dictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        (await _client.RunAsync([new CypherStatement(cypher, parameters)], cancellationToken))[0];

    private static ReportSummaryInfo ToSummary(JsonElement[] row) => new(
        row[0].GetString()!,
        row[1].ValueKind == JsonValueKind.Null ? null : row[1].GetString(),
        DateTimeOffset.FromUnixTimeMilliseconds(row[2].GetInt64()),
        row[3].GetString()!,
        row[4].ValueKind == JsonValueKind.Null ? null : row[4].GetString(),
        row[5].GetString()!,
        (FindingSeverity)row[6].GetInt32(),
        row[7].GetInt32(),
        row[8].GetString()!);

    private static string AnatomyName(string anatomy) => string.Join(' ', anatomy.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static MedicalReport Deserialize(string body) =>
        JsonSerializer.Deserialize(body, StorageJsonContext.Default.MedicalReport) ?? throw new InvalidOperationException("A stored report body is empty.");
}
