namespace MedicalImaging.Server.Storage;

/// <summary>A report's embedding, with what the index filters on.</summary>
public sealed record StoredEmbedding(string ReportId, string OwnerId, string Model, float[] Vector, string Modality, string? BodyPart);
