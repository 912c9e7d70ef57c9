using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>The embed stage's output: the report with its embedding provenance, and the vector (empty when pending).</summary>
public sealed record EmbedCheckpoint(MedicalReport Report, float[] Embedding);
