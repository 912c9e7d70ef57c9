namespace MedicalImaging.Imaging;

/// <summary>Builds anomaly heatmaps.</summary>
public interface IHeatmapGenerator
{
    /// <summary>Builds the heatmap of one image, fusing provider-reported regions when present.</summary>
    Heatmap Generate(DecodedImage image, PreprocessedImage preprocessed, IReadOnlyList<RegionOfInterest> reportedRegions);
}
