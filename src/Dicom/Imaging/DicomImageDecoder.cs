using System.Globalization;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom;

/// <summary>
/// The pipeline's DICOM decoder: one frame to float pixels in modality units (CT in Hounsfield units),
/// YBR and PALETTE COLOR delivered as RGB, MONOCHROME1 left for the preprocessor to invert.
/// </summary>
public sealed class DicomImageDecoder : IImageDecoder
{
    private readonly DicomPixelDecoder _pixels;
    private readonly DicomParseOptions _parse;

    /// <param name="pixels">Frame decoder (codec set); null uses the machine's default codecs.</param>
    /// <param name="parse">Parse limits (the inflated-size cap of deflated datasets); null uses the defaults.</param>
    public DicomImageDecoder(DicomPixelDecoder? pixels = null, DicomParseOptions? parse = null)
    {
        _pixels = pixels ?? new DicomPixelDecoder();
        _parse = parse ?? DicomParseOptions.Default;
    }

    /// <inheritdoc />
    public string Format => "dicom";

    /// <inheritdoc />
    public bool CanDecode(ReadOnlySpan<byte> header) => DicomFile.LooksLikeDicom(header);

    /// <inheritdoc />
    /// <remarks>
    /// A plain dataset is parsed once here and handed to <see cref="Decode"/> through
    /// <see cref="ImageProbe.DecoderState"/> (values are slices of <paramref name="data"/>: no copy). A deflated
    /// dataset is only streamed here, in constant memory, to learn its inflated size and header; it is inflated
    /// for real in <see cref="Decode"/>, after the caller has admitted that much memory.
    /// </remarks>
    public ImageProbe Probe(ReadOnlyMemory<byte> data)
    {
        try
        {
            var file = DicomFile.ParseHeader(data, _parse, out var inflated);
            if (!file.TransferSyntax.IsDeflated && !file.Dataset.Contains(DicomTags.PixelData))
            {
                throw new ImageDecodeException("DICOM: the object has no Pixel Data (7FE0,0010); it is not an image");
            }

            var info = PixelDataInfo.FromFile(file);
            var channels = info.SamplesPerPixel == 3 || info.Photometric == "PALETTE COLOR" ? 3 : 1;
            return new ImageProbe(info.Columns, info.Rows, channels, info.Frames, info.BytesPerSample)
            {
                InflatedBytes = inflated,
                DecoderState = file.TransferSyntax.IsDeflated ? null : new ParsedDicom(file, info),
            };
        }
        catch (DicomFormatException ex)
        {
            throw new ImageDecodeException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public DecodedImage Decode(ReadOnlyMemory<byte> data, DecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (file, info) = options.Probe?.DecoderState is ParsedDicom parsed ? (parsed.File, parsed.Info) : Open(data);
        var frameIndex = options.FrameIndex ?? info.Frames / 2;
        if (frameIndex < 0 || frameIndex >= info.Frames)
        {
            throw new ImageDecodeException(string.Create(CultureInfo.InvariantCulture,
                $"DICOM: frame {frameIndex} requested but the object has {info.Frames} frame(s) (0-based)"));
        }

        try
        {
            if (IsPlainNativeGrey(file, info, out var pixel))
            {
                var (slice, _) = FrameSource.Native(pixel, info, frameIndex);
                return DicomFrameRenderer.GreyFromNative(file.Dataset, info, slice.Span[..checked((int)info.FrameBytes)], frameIndex);
            }

            var frame = _pixels.DecodeFrame(file, frameIndex);
            return DicomFrameRenderer.ToDecodedImage(file.Dataset, frame);
        }
        catch (DicomFormatException ex)
        {
            throw new ImageDecodeException(ex.Message, ex);
        }
        catch (NotSupportedException ex)
        {
            throw new ImageDecodeException($"DICOM: {ex.Message}", ex);
        }
    }

    /// <summary>Uncompressed little-endian 8/16-bit grey: converted straight from the file's bytes.</summary>
    private bool IsPlainNativeGrey(DicomFile file, PixelDataInfo info, out DicomElement pixel)
    {
        pixel = file.Dataset.GetElement(DicomTags.PixelData)!;
        return pixel.Fragments is null && !file.Dataset.IsBigEndian && info.SamplesPerPixel == 1
            && info.BitsAllocated is 8 or 16 && info.Photometric is "MONOCHROME1" or "MONOCHROME2"
            && info.FrameBytes <= _pixels.MaxFrameBytes;
    }

    private (DicomFile File, PixelDataInfo Info) Open(ReadOnlyMemory<byte> data)
    {
        try
        {
            var file = DicomFile.Parse(data, _parse);
            if (!file.Dataset.Contains(DicomTags.PixelData))
            {
                throw new ImageDecodeException("DICOM: the object has no Pixel Data (7FE0,0010); it is not an image");
            }

            return (file, PixelDataInfo.FromFile(file));
        }
        catch (DicomFormatException ex)
        {
            throw new ImageDecodeException(ex.Message, ex);
        }
    }

    /// <summary>A parse kept from <see cref="Probe"/> for <see cref="Decode"/>.</summary>
    private sealed record ParsedDicom(DicomFile File, PixelDataInfo Info);
}
