using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>The Image Pixel module of a dataset, validated against the pixel data actually present.</summary>
public sealed record PixelDataInfo
{
    /// <summary>Rows.</summary>
    public required int Rows { get; init; }

    /// <summary>Columns.</summary>
    public required int Columns { get; init; }

    /// <summary>Samples per pixel (1 or 3).</summary>
    public required int SamplesPerPixel { get; init; }

    /// <summary>Bits allocated (1, 8, 16 or 32).</summary>
    public required int BitsAllocated { get; init; }

    /// <summary>Bits stored.</summary>
    public required int BitsStored { get; init; }

    /// <summary>High bit.</summary>
    public required int HighBit { get; init; }

    /// <summary>0 unsigned, 1 two's complement.</summary>
    public required int PixelRepresentation { get; init; }

    /// <summary>0 interleaved (R1G1B1R2…), 1 planar (R…G…B…).</summary>
    public required int PlanarConfiguration { get; init; }

    /// <summary>Photometric interpretation as stored.</summary>
    public required string Photometric { get; init; }

    /// <summary>Number of frames (1 when absent).</summary>
    public required int Frames { get; init; }

    /// <summary>Transfer syntax of the pixel data.</summary>
    public required DicomTransferSyntax TransferSyntax { get; init; }

    /// <summary>True for signed samples.</summary>
    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>Bytes per sample in decoded frames (1-bit data is unpacked to one byte).</summary>
    public int BytesPerSample => BitsAllocated <= 8 ? 1 : BitsAllocated / 8;

    /// <summary>Pixels in a frame.</summary>
    public long PixelCount => (long)Rows * Columns;

    /// <summary>Bytes of one decoded frame: little-endian, samples interleaved.</summary>
    public long FrameBytes => PixelCount * SamplesPerPixel * BytesPerSample;

    /// <summary>True for native YBR_FULL_422/YBR_PARTIAL_422: two luminance samples share one chroma pair.</summary>
    public bool IsNativeSubsampled => !TransferSyntax.IsEncapsulated && SamplesPerPixel == 3
        && Photometric is "YBR_FULL_422" or "YBR_PARTIAL_422";

    /// <summary>Bits of one frame in native (uncompressed) encoding.</summary>
    public long NativeFrameBits => IsNativeSubsampled
        ? PixelCount * 2 * BitsAllocated
        : PixelCount * SamplesPerPixel * BitsAllocated;

    /// <summary>Reads and validates the Image Pixel module; throws <see cref="DicomFormatException"/> naming the bad attribute.</summary>
    public static PixelDataInfo FromFile(DicomFile file)
    {
        var ds = file.Dataset;
        var rows = Required(ds, DicomTags.Rows, 1, 65535);
        var columns = Required(ds, DicomTags.Columns, 1, 65535);
        var spp = ds.GetInt32(DicomTags.SamplesPerPixel, 1);
        var bitsAllocated = Required(ds, DicomTags.BitsAllocated, 1, 64);
        var bitsStored = ds.GetInt32(DicomTags.BitsStored, bitsAllocated);
        var highBit = ds.GetInt32(DicomTags.HighBit, bitsStored - 1);
        var pixelRep = ds.GetInt32(DicomTags.PixelRepresentation, 0);
        var planar = ds.GetInt32(DicomTags.PlanarConfiguration, 0);
        var frames = ds.GetInt32(DicomTags.NumberOfFrames, 1);
        var photometric = ds.GetFirstString(DicomTags.PhotometricInterpretation)?.ToUpperInvariant()
            ?? (spp == 3 ? "RGB" : "MONOCHROME2");
        if (frames == 0)
        {
            frames = 1; // some writers put 0 for single-frame objects
        }

        Check(ds, DicomTags.SamplesPerPixel, spp is 1 or 3, spp, "must be 1 or 3");
        Check(ds, DicomTags.BitsAllocated, bitsAllocated is 1 or 8 or 16 or 32, bitsAllocated, "must be 1, 8, 16 or 32");
        Check(ds, DicomTags.BitsStored, bitsStored >= 1 && bitsStored <= bitsAllocated, bitsStored, "must be 1..BitsAllocated");
        Check(ds, DicomTags.HighBit, highBit >= bitsStored - 1 && highBit < bitsAllocated, highBit, "must be BitsStored-1..BitsAllocated-1");
        Check(ds, DicomTags.PixelRepresentation, pixelRep is 0 or 1, pixelRep, "must be 0 or 1");
        Check(ds, DicomTags.PlanarConfiguration, planar is 0 or 1, planar, "must be 0 or 1");
        Check(ds, DicomTags.NumberOfFrames, frames is >= 1 and <= 1_000_000, frames, "must be 1..1000000");
        return new PixelDataInfo
        {
            Rows = rows,
            Columns = columns,
            SamplesPerPixel = spp,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = highBit,
            PixelRepresentation = pixelRep,
            PlanarConfiguration = spp == 1 ? 0 : planar,
            Photometric = photometric,
            Frames = frames,
            TransferSyntax = file.TransferSyntax,
        };
    }

    private static int Required(DicomDataset ds, DicomTag tag, int min, int max)
    {
        var element = ds.GetElement(tag) ?? throw new DicomFormatException(tag, -1, "required attribute is missing");
        var value = ds.GetInt32(tag, int.MinValue);
        if (value < min || value > max)
        {
            throw new DicomFormatException(tag, element.Offset, string.Create(CultureInfo.InvariantCulture,
                $"value {(value == int.MinValue ? "(unreadable)" : value)} is outside {min}..{max}"));
        }

        return value;
    }

    private static void Check(DicomDataset ds, DicomTag tag, bool ok, int value, string rule)
    {
        if (!ok)
        {
            throw new DicomFormatException(tag, ds.GetElement(tag)?.Offset ?? -1,
                string.Create(CultureInfo.InvariantCulture, $"value {value} {rule}"));
        }
    }
}
