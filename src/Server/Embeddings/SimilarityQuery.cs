namespace MedicalImaging.Server.Embeddings;

/// <summary>A search of one owner's vectors.</summary>
public sealed record SimilarityQuery(
    string OwnerId,
    float[] Vector,
    int Limit,
    string? ExcludeReportId = null,
    string? Modality = null,
    string? BodyPart = null,
    float MinScore = -1f);
