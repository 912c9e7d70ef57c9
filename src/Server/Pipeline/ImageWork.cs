using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Pipeline;

/// <summary>Everything the pipeline learns about one image, stage by stage.</summary>
public sealed class ImageWork
{
    public required ImageSource Source { get; init; }
    public required string ImageId { get; init; }
    public required ReadOnlyMemory<byte> Bytes { get; init; }
    public required IImageDecoder Decoder { get; init; }
    public required ImageProbe Probe { get; init; }
    public DecodedImage? Decoded { get; set; }
    public PreprocessedImage? Preprocessed { get; set; }
    public QuantitativeAnalysis? Analysis { get; set; }
    public Heatmap? Heatmap { get; set; }

    /// <summary>The PNG that may leave the process (burned-in text blanked); null until an external provider needs it.</summary>
    public byte[]? OutboundPng { get; set; }

    /// <summary>What the burned-in text step did to <see cref="OutboundPng"/>; null when it has not run.</summary>
    public Redaction.BurnedInTextCheck? BurnedInText { get; set; }
}
