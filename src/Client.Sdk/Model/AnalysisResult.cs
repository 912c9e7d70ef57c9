namespace MedicalImaging.Client;

/// <summary>The finished analysis.</summary>
/// <param name="Report">The report.</param>
/// <param name="Cached">True when an identical recent analysis was returned.</param>
/// <param name="Degraded">True when no AI provider answered and the local provider wrote it.</param>
public sealed record AnalysisResult(MedicalReport Report, bool Cached, bool Degraded);
