namespace MedicalImaging.Imaging;

/// <summary>A region a provider reported (bounding box with confidence), fused into the heatmap.</summary>
/// <param name="Box">Where.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Label">What the provider said is there.</param>
public sealed record RegionOfInterest(NormalizedBox Box, double Confidence, string Label);
