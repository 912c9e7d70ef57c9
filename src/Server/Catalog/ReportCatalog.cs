using MedicalImaging.Server.Chat;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Storage;

namespace MedicalImaging.Server.Catalog;

/// <summary>
/// The application service over stored reports, beside the API: reads, lists, finds similar cases and deletes (with
/// their heatmaps, embedding, chat and unshared images) on behalf of their owner; someone else's report is "not found".
/// </summary>
public sealed class ReportCatalog : IChatReports
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int DefaultSimilarLimit = 5;
    public const int MaxSimilarLimit = 50;

    private readonly IReportRepository _repository;
    private readonly VectorIndex _index;
    private readonly IChatHistoryStore _chat;
    private readonly IImageStore _images;

    public ReportCatalog(IReportRepository repository, VectorIndex index, IChatHistoryStore chat, IImageStore images)
    {
        _repository = repository;
        _index = index;
        _chat = chat;
        _images = images;
    }

    public async Task<MedicalReport> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken) =>
        (IdGenerator.IsWellFormed(reportId, "rpt") ? await _repository.GetAsync(ownerId, reportId, cancellationToken) : null)
        ?? throw NotFound(reportId);

    public Task<ReportPage> ListAsync(string ownerId, int pageSize, string? pageToken, string? caseId, string? modality, CancellationToken cancellationToken)
    {
        if (pageSize < 0)
        {
            throw new InvalidRequestException("page_size", $"page_size {pageSize} must not be negative.");
        }

        var size = pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var query = new ReportListQuery(ownerId, size, ReportCursor.Parse(pageToken), Blank(caseId), Blank(modality)?.ToUpperInvariant());
        return _repository.ListAsync(query, cancellationToken);
    }

    /// <summary>True when the report has a vector in the similar-case index (false while its embedding is pending).</summary>
    public bool HasEmbedding(string ownerId, string reportId) => _index.Get(ownerId, reportId) is not null;

    public async Task<IReadOnlyList<SimilarCaseInfo>> FindSimilarAsync(
        string ownerId, string reportId, int limit, string? modality, string? bodyPart, double minScore, CancellationToken cancellationToken)
    {
        if (limit < 0)
        {
            throw new InvalidRequestException("limit", $"limit {limit} must not be negative.");
        }

        if (minScore is < -1 or > 1)
        {
            throw new InvalidRequestException("min_score", $"min_score {minScore} must be between -1 and 1.");
        }

        var report = await GetAsync(ownerId, reportId, cancellationToken);
        var vector = _index.Get(ownerId, reportId)
            ?? throw new ResourceNotFoundException(
                $"Report {reportId} has no {_index.Model} embedding in the similar-case index yet (reports stored with another embedding model are re-embedded in the background after a restart).");
        var hits = _index.Search(new SimilarityQuery(
            ownerId, vector, limit == 0 ? DefaultSimilarLimit : Math.Min(limit, MaxSimilarLimit), reportId,
            Blank(modality)?.ToUpperInvariant(), Blank(bodyPart)?.ToUpperInvariant(), (float)minScore));
        var summaries = (await _repository.GetSummariesAsync(ownerId, hits.Select(h => h.ReportId).ToList(), cancellationToken))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
        var anatomy = report.Findings.Select(f => f.Anatomy).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var conditions = ConditionTerms.Of(report).ToHashSet(StringComparer.Ordinal);
        var results = new List<SimilarCaseInfo>(hits.Count);
        foreach (var hit in hits)
        {
            if (!summaries.TryGetValue(hit.ReportId, out var summary))
            {
                continue;
            }

            var other = await _repository.GetAsync(ownerId, hit.ReportId, cancellationToken);
            var shared = other?.Findings.Select(f => f.Anatomy).Where(anatomy.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
            var sharedConditions = other is null ? [] : ConditionTerms.Of(other).Where(conditions.Contains).ToList();
            var reason = $"Cosine {hit.Score:0.00} between finding and impression texts"
                + (summary.Modality == report.Modality ? $"; same modality ({summary.Modality})" : string.Empty)
                + (sharedConditions.Count > 0 ? $"; both mention {string.Join(", ", sharedConditions)}" : string.Empty)
                + (shared.Count > 0 ? $"; both describe {string.Join(", ", shared)}" : string.Empty);
            results.Add(new SimilarCaseInfo(summary, hit.Score, shared, sharedConditions, reason));
        }

        return results;
    }

    /// <summary>
    /// Erases the owner's report with its heatmaps, embedding and chat, and every image of it that no other
    /// report of the owner names (right to erasure): the image file goes when no other user holds it either.
    /// </summary>
    public async Task DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken)
    {
        var report = IdGenerator.IsWellFormed(reportId, "rpt") ? await _repository.GetAsync(ownerId, reportId, cancellationToken) : null;
        if (report is null || !await _repository.DeleteAsync(ownerId, reportId, cancellationToken))
        {
            throw NotFound(reportId);
        }

        _index.Remove(ownerId, reportId);
        await _chat.DeleteAsync(ownerId, reportId, cancellationToken);
        var imageIds = report.Images.Select(i => i.ImageId).Distinct(StringComparer.Ordinal).ToList();
        var kept = await _repository.FindReferencedImagesAsync(ownerId, imageIds, cancellationToken);
        foreach (var imageId in imageIds.Where(id => !kept.Contains(id)))
        {
            await _images.ForgetAsync(ownerId, imageId, cancellationToken);
        }
    }

    public async Task<byte[]> GetHeatmapAsync(string ownerId, string reportId, int imageIndex, CancellationToken cancellationToken)
    {
        var report = await GetAsync(ownerId, reportId, cancellationToken);
        if (imageIndex < 0 || imageIndex >= report.Images.Count)
        {
            throw new InvalidRequestException("image_index", $"Report {reportId} has {report.Images.Count} image(s); image_index {imageIndex} is out of range.");
        }

        return await _repository.GetHeatmapAsync(ownerId, reportId, imageIndex, cancellationToken)
            ?? throw new ResourceNotFoundException($"Report {reportId} has no heatmap for image {imageIndex}.");
    }

    private static ResourceNotFoundException NotFound(string reportId) => new($"Report {reportId} was not found.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
