namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>How an analysis ended well, as its last stored event says it.</summary>
/// <param name="ReportId">The report (the analysis's own, or the cached one it was answered with).</param>
/// <param name="Cached">Answered from the cache.</param>
/// <param name="Degraded">No AI provider answered.</param>
public sealed record JobOutcome(string ReportId, bool Cached, bool Degraded);
