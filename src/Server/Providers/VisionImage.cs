using MedicalImaging.Imaging;
using MedicalImaging.Server.Redaction;

namespace MedicalImaging.Server.Providers;

/// <summary>
/// What a vision analyzer sees of one image: its header summary, the preprocessed image, the quantitative
/// measurements and heatmap (the local provider's findings), and the slot for its outbound copy (the only pixels
/// an external provider may receive).
/// </summary>
public sealed class VisionImage
{
    public VisionImage(int index, ImageMetadata metadata, PreprocessedImage preprocessed, QuantitativeAnalysis? analysis, Heatmap? heatmap)
    {
        Index = index;
        Metadata = metadata;
        Preprocessed = preprocessed;
        Analysis = analysis;
        Heatmap = heatmap;
        Outbound = new OutboundImage { Index = index, Source = preprocessed, Metadata = metadata };
    }

    public int Index { get; }

    public ImageMetadata Metadata { get; }

    public PreprocessedImage Preprocessed { get; }

    public QuantitativeAnalysis? Analysis { get; }

    public Heatmap? Heatmap { get; }

    public OutboundImage Outbound { get; }
}
