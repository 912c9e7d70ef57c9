using System.Globalization;
using System.Runtime.CompilerServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// JPEG baseline/extended/lossless, JPEG-LS and JPEG 2000 through GDCM's C# binding (apt libgdcm-cil + libgdcm3.0:
/// libjpeg 8/12/16-bit, CharLS, OpenJPEG). JPEG YBR output is converted to RGB.
/// </summary>
public sealed class GdcmCodec : IDicomFrameCodec
{
    private static readonly Lazy<bool> Loaded = new(Probe);

    /// <summary>True when GDCM's managed binding and native glue load.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <inheritdoc />
    public string Name => "gdcm";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels is PixelEncoding.Jpeg or PixelEncoding.JpegLossless
        or PixelEncoding.JpegLs or PixelEncoding.Jpeg2000;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
#if HAS_GDCM
        var photometric = GdcmDecoder.Decode(compressed.ToArray(), info, destination);
#else
        var photometric = NotBuilt(info);
#endif
        if (photometric.StartsWith("YBR", StringComparison.Ordinal) && info.TransferSyntax.Pixels == PixelEncoding.Jpeg)
        {
            if (info.BytesPerSample != 1)
            {
                throw new DicomFormatException(DicomTags.PhotometricInterpretation, -1,
                    string.Create(CultureInfo.InvariantCulture, $"{photometric} with {info.BitsAllocated}-bit JPEG is not supported"));
            }

            ColorConversion.YbrFullToRgbInPlace(destination);
            return "RGB";
        }

        return photometric;
    }

#if !HAS_GDCM
    // Without GDCM at build time the library still builds (and says what to install) instead of failing on unreachable code.
    private static string NotBuilt(PixelDataInfo info) =>
        throw new NotSupportedException($"GDCM's C# binding was not present at build time (apt libgdcm-cil + libgdcm3.0); cannot decode {info.TransferSyntax}");

#endif
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Probe()
    {
#if HAS_GDCM
        try
        {
            return GdcmDecoder.Load();
        }
        catch (Exception ex) when (ex is DllNotFoundException or FileNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
#else
        return false;
#endif
    }
}
