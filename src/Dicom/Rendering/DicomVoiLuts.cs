using System.Runtime.CompilerServices;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom;

/// <summary>
/// The VOI LUT that goes with a grey image this library decoded from a file with a VOI LUT Sequence and no window.
/// <see cref="ImageMetadata"/> (the pipeline's type) carries only a linear window, so the LUT itself is attached to the
/// image here and found again by <see cref="DicomPngRenderer"/>; it lives as long as the image does.
/// </summary>
public static class DicomVoiLuts
{
    private static readonly ConditionalWeakTable<DecodedImage, VoiLut> Attached = new();

    /// <summary>The VOI LUT to display <paramref name="image"/> with, or null.</summary>
    public static VoiLut? Of(DecodedImage image) => Attached.TryGetValue(image, out var lut) ? lut : null;

    internal static void Attach(DecodedImage image, VoiLut lut) => Attached.AddOrUpdate(image, lut);

    /// <summary>
    /// For a grey image whose dataset has no Window Center/Width but a VOI LUT Sequence: the metadata window becomes the
    /// LUT's linear stand-in (a display hint better than min/max) and the LUT is attached. A malformed LUT is ignored:
    /// it is a display hint, never a reason to refuse the pixels.
    /// </summary>
    internal static DecodedImage WithVoiLut(DicomDataset ds, PixelDataInfo info, DecodedImage image, float intercept)
    {
        if (image.Metadata.WindowCenter is not null && image.Metadata.WindowWidth is not null)
        {
            return image; // the file's window wins (PS3.3 C.11.2: one VOI transform, the window listed first)
        }

        VoiLut? lut;
        try
        {
            lut = VoiLut.FromDataset(ds, signedInput: info.IsSigned || intercept < 0);
        }
        catch (DicomFormatException)
        {
            return image;
        }

        if (lut is null)
        {
            return image;
        }

        var (center, width) = lut.EffectiveWindow();
        var hinted = new DecodedImage
        {
            Width = image.Width,
            Height = image.Height,
            Channels = image.Channels,
            Pixels = image.Pixels,
            Metadata = image.Metadata with { WindowCenter = center, WindowWidth = width },
            Identifiers = image.Identifiers,
            SourceReference = image.SourceReference,
        };
        Attach(hinted, lut);
        return hinted;
    }
}
