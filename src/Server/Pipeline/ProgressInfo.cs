namespace MedicalImaging.Server.Pipeline;

/// <summary>A progress step.</summary>
/// <param name="Stage">The stage reporting.</param>
/// <param name="Percent">Overall percent, never decreasing.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="ImageIndex">Image concerned, or -1 for the whole request.</param>
/// <param name="Provider">The provider at work, when one is.</param>
public sealed record ProgressInfo(PipelineStage Stage, int Percent, string Message, int ImageIndex, string? Provider);
