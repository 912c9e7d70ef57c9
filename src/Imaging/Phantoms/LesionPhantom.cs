namespace MedicalImaging.Imaging.Phantoms;

/// <summary>A generated phantom: the image and, when it has one, the lesion's true box (0..1 of the image).</summary>
/// <param name="Image">The decoded-image form the pipeline takes.</param>
/// <param name="Lesion">The lesion's bounding box, or null for a lesion-free phantom.</param>
/// <param name="Kind">"chest" (CR/DX-like) or "ct" (CT-like, HU).</param>
public sealed record LesionPhantom(DecodedImage Image, NormalizedBox? Lesion, string Kind)
{
    /// <summary>The lesion's contrast over the lung in multiples of the noise σ (0 without a lesion).</summary>
    public double ContrastSigmas { get; init; }
}
