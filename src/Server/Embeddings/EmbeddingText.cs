using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Embeddings;

/// <summary>The text of a report that similarity is computed on: what was seen and where.</summary>
public static class EmbeddingText
{
    public static string Of(MedicalReport report) =>
        string.Join('\n',
        [
            report.Modality,
            report.BodyPart ?? string.Empty,
            .. report.Findings.Select(f => f.Anatomy + " " + f.Description),
            report.Impression,
            .. report.KeyFindings,
        ]);
}
