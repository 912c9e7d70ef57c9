namespace MedicalImaging.Server.Storage;

/// <summary>A report's embedding, with what the index filters on.</summary>
public sealed record StoredEmbedding(string ReportId, string OwnerId, string Model, float[] Vector, string Modality, string? BodyPart)
{
    /// <summary>The owner's most similar earlier reports when this one was written: (:Report)-[:SIMILAR_TO {score}] edges
    /// in the graph store. SQLite keeps none (FindSimilar always asks the index).</summary>
    public IReadOnlyList<SimilarLink> SimilarTo { get; init; } = [];
}

/// <summary>A similar earlier report and its cosine score.</summary>
public sealed record SimilarLink(string ReportId, double Score);
