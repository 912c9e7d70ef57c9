using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Chat;

/// <summary>
/// What the chat reads of its owner's reports: the report discussed and its similar cases. The report catalog
/// implements it; the chat depends on this port, not on the catalog, which erases a report's chat with it.
/// </summary>
public interface IChatReports
{
    /// <summary>The owner's report; ResourceNotFoundException when there is none (someone else's included).</summary>
    Task<MedicalReport> GetAsync(string ownerId, string reportId, CancellationToken cancellationToken);

    /// <summary>Whether the report is in the similar-case index yet (its embedding may still be pending).</summary>
    bool HasEmbedding(string ownerId, string reportId);

    /// <summary>The owner's reports most like this one.</summary>
    Task<IReadOnlyList<SimilarCaseInfo>> FindSimilarAsync(
        string ownerId, string reportId, int limit, string? modality, string? bodyPart, double minScore, CancellationToken cancellationToken);
}
