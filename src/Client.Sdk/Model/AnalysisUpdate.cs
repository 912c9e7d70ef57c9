namespace MedicalImaging.Client;

/// <summary>One event of an analysis: progress, or (last) the result.</summary>
/// <param name="AnalysisId">The analysis (also the WebSocket case id).</param>
/// <param name="Sequence">Event number from 1.</param>
/// <param name="Progress">A progress step, or null on the result.</param>
/// <param name="Result">The result, on the last event.</param>
public sealed record AnalysisUpdate(string AnalysisId, long Sequence, AnalysisProgress? Progress, AnalysisResult? Result);

/// <summary>A progress step.</summary>
/// <param name="Stage">validate, decode, deidentify, preprocess, quantitative, vision, literature, report, embed, store, complete.</param>
/// <param name="Percent">Overall percent, never decreasing.</param>
/// <param name="Message">What happened.</param>
/// <param name="ImageIndex">The image concerned, or -1.</param>
/// <param name="Provider">The provider at work, if any.</param>
public sealed record AnalysisProgress(string Stage, int Percent, string Message, int ImageIndex, string? Provider);

/// <summary>The finished analysis.</summary>
/// <param name="Report">The report.</param>
/// <param name="Cached">True when an identical recent analysis was returned.</param>
/// <param name="Degraded">True when no AI provider answered and the local provider wrote it.</param>
public sealed record AnalysisResult(MedicalReport Report, bool Cached, bool Degraded);
