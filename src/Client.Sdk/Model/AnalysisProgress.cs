namespace MedicalImaging.Client;

/// <summary>A progress step.</summary>
/// <param name="Stage">validate, decode, deidentify, preprocess, quantitative, vision, literature, report, embed, store, complete.</param>
/// <param name="Percent">Overall percent, never decreasing.</param>
/// <param name="Message">What happened.</param>
/// <param name="ImageIndex">The image concerned, or -1.</param>
/// <param name="Provider">The provider at work, if any.</param>
public sealed record AnalysisProgress(string Stage, int Percent, string Message, int ImageIndex, string? Provider);
