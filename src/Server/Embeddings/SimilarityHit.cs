namespace MedicalImaging.Server.Embeddings;

/// <summary>One search result of the vector index.</summary>
public readonly record struct SimilarityHit(string ReportId, float Score);
