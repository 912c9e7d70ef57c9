using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Redaction;

/// <summary>
/// One image's copy for third parties, made at most once per analysis from its preprocessed PNG by
/// <see cref="OutboundImagePreparer"/> (burned-in text blanked where the policy says to read it). Until then
/// <see cref="Png"/> is null and nothing of the image may leave.
/// </summary>
public sealed class OutboundImage
{
    /// <summary>The image's index in the request.</summary>
    public required int Index { get; init; }

    /// <summary>The preprocessed image the copy is made from.</summary>
    public required PreprocessedImage Source { get; init; }

    /// <summary>The preprocessed PNG the copy is made from (encoded on first read: only when a provider is to be asked).</summary>
    public byte[] SourcePng => Source.Png;

    /// <summary>What the burned-in text policy decides on (format, modality, Burned In Annotation).</summary>
    public required ImageMetadata Metadata { get; init; }

    /// <summary>The copy that may be sent; null until prepared.</summary>
    public byte[]? Png { get; set; }

    /// <summary>What the burned-in text step did to <see cref="Png"/>; null when it has not run.</summary>
    public BurnedInTextCheck? Check { get; set; }
}
