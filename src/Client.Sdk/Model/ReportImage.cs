namespace MedicalImaging.Client;

/// <summary>An analysed image.</summary>
/// <param name="Index">Position in the request.</param>
/// <param name="ImageId">SHA-256 of its bytes.</param>
/// <param name="FileName">Your file name.</param>
/// <param name="Format">png, jpeg or dicom.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Measurements">Quantitative measurements.</param>
/// <param name="QualityFlags">Image-quality problems.</param>
/// <param name="HasHeatmap">True when a heatmap can be downloaded.</param>
/// <param name="HeatmapMethod">How the heatmap was made.</param>
public sealed record ReportImage(
    int Index, string ImageId, string FileName, string Format, int Width, int Height,
    IReadOnlyDictionary<string, double> Measurements, IReadOnlyList<string> QualityFlags, bool HasHeatmap, string? HeatmapMethod);
