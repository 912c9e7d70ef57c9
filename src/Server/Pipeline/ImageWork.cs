using MedicalImaging.Imaging;
using MedicalImaging.Server.Redaction;

namespace MedicalImaging.Server.Pipeline;

/// <summary>Everything the pipeline learns about one image, stage by stage.</summary>
public sealed class ImageWork
{
    public required ImageSource Source { get; init; }
    public required string ImageId { get; init; }

    /// <summary>The file's bytes; emptied once decoded, so a stored image's copy can be collected.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; set; }
    public required IImageDecoder Decoder { get; init; }

    /// <summary>The header probe; its decoder state (a parsed DICOM) is dropped once decoded.</summary>
    public required ImageProbe Probe { get; set; }

    /// <summary>Peak bytes this image's analysis holds (<see cref="Admission.ImageMemoryEstimate"/>).</summary>
    public long MemoryEstimateBytes { get; init; }

    /// <summary>
    /// The decoded frame. After the quantitative stage (the last reader of its pixels) it keeps its
    /// dimensions and metadata but no pixels (<see cref="ReleasePixels"/>).
    /// </summary>
    public DecodedImage? Decoded { get; set; }
    public PreprocessedImage? Preprocessed { get; set; }
    public QuantitativeAnalysis? Analysis { get; set; }
    public Heatmap? Heatmap { get; set; }

    /// <summary>What the burned-in text step did to the copy sent to AI providers; null when it has not run.</summary>
    public BurnedInTextCheck? BurnedInText { get; set; }

    /// <summary>The decoded frame; the decode stage sets it, so a later stage that finds none runs out of order.</summary>
    public DecodedImage RequiredDecoded => Decoded ?? throw StageNotRun("decode");

    /// <summary>The preprocessed image, set by the preprocess stage.</summary>
    public PreprocessedImage RequiredPreprocessed => Preprocessed ?? throw StageNotRun("preprocess");

    /// <summary>Drops the input bytes and the parse kept from probing: the decoded frame now stands for them.</summary>
    public void ReleaseSource()
    {
        Bytes = ReadOnlyMemory<byte>.Empty;
        Probe = Probe with { DecoderState = null };
    }

    /// <summary>
    /// Drops the decoded pixels (the largest buffer of an analysis: 4 bytes a sample) once nothing reads them;
    /// later stages read only <see cref="DecodedImage.Metadata"/> and the dimensions.
    /// </summary>
    public void ReleasePixels()
    {
        if (Decoded is { Pixels.Length: > 0 } decoded)
        {
            Decoded = new DecodedImage { Width = decoded.Width, Height = decoded.Height, Channels = decoded.Channels, Pixels = [], Metadata = decoded.Metadata, Identifiers = decoded.Identifiers, SourceReference = decoded.SourceReference };
        }
    }

    private InvalidOperationException StageNotRun(string stage) => new($"Image {Source.Index}: the {stage} stage has not run.");
}
