namespace MedicalImaging.Server.Redaction;

/// <summary>
/// The outbound copies of one analysis' images, and how long reading them for burned-in text took (null when
/// no image was read), which the pipeline reports as its own stage time.
/// </summary>
public sealed class OutboundImages
{
    public OutboundImages(IReadOnlyList<OutboundImage> images) => Images = images;

    public IReadOnlyList<OutboundImage> Images { get; }

    public double? ReadMillis { get; set; }
}
