using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>The literature stage's output: the citations found and the search status.</summary>
public sealed record LiteratureCheckpoint(IReadOnlyList<LiteratureCitation> Citations, string Status);
