using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline;

/// <summary>The finished analysis.</summary>
public sealed record AnalysisOutcome(MedicalReport Report, bool Cached, bool Degraded);
