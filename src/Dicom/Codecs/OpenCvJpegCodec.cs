using System.Globalization;
using OpenCvSharp;

namespace MedicalImaging.Dicom;

/// <summary>
/// 8-bit JPEG (baseline, extended, progressive) through OpenCV's imdecode (libjpeg-turbo with SIMD, thread-safe).
/// YCbCr streams are delivered as RGB, as libjpeg-based toolkits do; a stream the DICOM header calls RGB is decoded
/// without a colour transform even when libjpeg would guess YCbCr (no markers, ids 1/2/3), matching dcmtk and GDCM.
/// Other precisions and layouts (12-bit, lossless SOF3, 16-bit containers) are left to the next codec.
/// </summary>
public sealed class OpenCvJpegCodec : IDicomFrameCodec
{
    // OpenCV's IMREAD_COLOR_RGB (256): libjpeg-turbo writes RGB directly. OpenCvSharp's enum has no member for it.
    private const ImreadModes ColorRgb = (ImreadModes)256;
    private const ImreadModes Colour = ColorRgb | ImreadModes.IgnoreOrientation;
    private const ImreadModes Grey = ImreadModes.Grayscale | ImreadModes.IgnoreOrientation;

    private static readonly Lazy<bool> Loaded = new(Probe);

    /// <summary>True when OpenCV's native library loads.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <inheritdoc />
    public string Name => "opencv-jpeg";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels == PixelEncoding.Jpeg;

    /// <inheritdoc />
    public bool CanDecodeFrame(ReadOnlySpan<byte> compressed, PixelDataInfo info) =>
        info.BytesPerSample == 1
        && JpegStreamHeader.TryRead(compressed, out var header)
        && header is { IsDct: true, Precision: 8 }
        && header.Components == info.SamplesPerPixel
        && header.Width == info.Columns && header.Height == info.Rows;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        if (!JpegStreamHeader.TryRead(compressed, out var header))
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, "JPEG: no frame header before the first scan");
        }

        var colour = header.Components == 3;
        var photometric = colour ? "RGB" : info.Photometric;
        using var mat = colour && !info.Photometric.StartsWith("YBR", StringComparison.Ordinal) && !header.LibjpegSeesRgb
            ? Cv2.ImDecode(JpegStreamHeader.WithRgbComponentIds(compressed), Colour)
            : Cv2.ImDecode(compressed, colour ? Colour : Grey);
        var channels = colour ? 3 : 1;
        if (mat.Empty() || mat.Rows != info.Rows || mat.Cols != info.Columns || mat.Channels() != channels || mat.Depth() != MatType.CV_8U || !mat.IsContinuous())
        {
            throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                $"JPEG: libjpeg could not decode the {info.Columns}x{info.Rows}x{info.SamplesPerPixel} frame"));
        }

        // imdecode allocates a fresh, continuous image.
        mat.AsSpan<byte>()[..destination.Length].CopyTo(destination);
        return photometric;
    }

    private static bool Probe()
    {
        try
        {
            using var m = new Mat(1, 1, MatType.CV_8UC1);
            return !m.Empty();
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }
}
