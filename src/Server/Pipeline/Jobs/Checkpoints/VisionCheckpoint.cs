using MedicalImaging.Server.Providers;
using MedicalImaging.Server.Redaction;

namespace MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

/// <summary>The vision stage's output: the provider's answer with its attempts, and what the burned-in text step did per image.</summary>
/// <param name="Vision">Findings, the provider that answered and every attempt.</param>
/// <param name="BurnedInText">Per image index, the burned-in text check of its outbound copy (null entries: none ran).</param>
public sealed record VisionCheckpoint(VisionResult Vision, IReadOnlyList<BurnedInTextCheck?> BurnedInText);
