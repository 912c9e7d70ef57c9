using MedicalImaging.Dicom;

namespace MedicalImaging.Fuzz.Targets;

/// <summary>The Image Pixel module a codec target decodes into.</summary>
internal static class FrameShape
{
    public static PixelDataInfo Info(int rows, int columns, int samples, int bits, DicomTransferSyntax syntax) => new()
    {
        Rows = rows,
        Columns = columns,
        SamplesPerPixel = samples,
        BitsAllocated = bits,
        BitsStored = bits,
        HighBit = bits - 1,
        PixelRepresentation = 0,
        PlanarConfiguration = 0,
        Photometric = samples == 3 ? "RGB" : "MONOCHROME2",
        Frames = 1,
        TransferSyntax = syntax,
    };
}
