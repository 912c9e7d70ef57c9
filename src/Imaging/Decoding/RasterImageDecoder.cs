using System.Runtime.InteropServices;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Decoding;

/// <summary>
/// Decodes PNG (1–16-bit grey, RGB, palette; alpha dropped) and 8-bit JPEG with OpenCV into float
/// samples: 1 channel (grey) or 3 (RGB order). <see cref="Probe"/> reads the PNG IHDR / JPEG SOFn
/// header only, so the pipeline can refuse absurd dimensions before anything is allocated.
/// Which of the two formats an image was is recorded in <see cref="ImageMetadata.SourceFormat"/>.
/// </summary>
public sealed class RasterImageDecoder : IImageDecoder
{
    /// <summary>"raster": this one decoder serves both PNG and JPEG.</summary>
    public string Format => "raster";

    /// <inheritdoc />
    public bool CanDecode(ReadOnlySpan<byte> header) =>
        PngHeaderReader.HasSignature(header) || JpegHeaderReader.HasSignature(header);

    /// <inheritdoc />
    public ImageProbe Probe(ReadOnlyMemory<byte> data)
    {
        var header = ReadHeader(data.Span);
        return new ImageProbe(header.Width, header.Height, header.Channels, Frames: 1, header.BytesPerSample);
    }

    /// <inheritdoc />
    public DecodedImage Decode(ReadOnlyMemory<byte> data, DecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var header = ReadHeader(data.Span);
        if (options.FrameIndex is { } frame && frame != 0)
        {
            throw new ImageDecodeException($"A {header.Format.ToUpperInvariant()} image has one frame; frame {frame} was asked for.");
        }

        var hasEnd = header.Format == "png" ? PngHeaderReader.HasEnd(data.Span) : JpegHeaderReader.HasEnd(data.Span);
        if (!hasEnd)
        {
            throw new ImageDecodeException(header.Format == "png"
                ? "Truncated PNG: its chunks do not reach an IEND chunk inside the file (one runs past the end, or IEND is missing)."
                : "Truncated JPEG: no end-of-image marker (FFD9) at the end of the file.");
        }

        using var decoded = DecodeMat(data, header);
        var (pixels, channels) = ToFloatSamples(decoded, header);
        return new DecodedImage
        {
            Width = header.Width,
            Height = header.Height,
            Channels = channels,
            Pixels = pixels,
            Metadata = new ImageMetadata
            {
                Modality = Normalise(options.ModalityHint) ?? "OT",
                BodyPart = Normalise(options.BodyPartHint),
                SourceFormat = header.Format,
                PhotometricInterpretation = channels == 1 ? "MONOCHROME2" : "RGB",
                BitsStored = header.BitDepth > 8 ? 16 : 8,
                FrameCount = 1,
                FrameIndex = 0,
            },
        };
    }

    private static RasterHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        if (PngHeaderReader.HasSignature(data))
        {
            return PngHeaderReader.Read(data);
        }

        if (JpegHeaderReader.HasSignature(data))
        {
            return JpegHeaderReader.Read(data);
        }

        var shown = Convert.ToHexString(data[..Math.Min(8, data.Length)]);
        throw new ImageDecodeException($"Neither PNG nor JPEG: the first bytes are {(shown.Length == 0 ? "(none)" : shown)}.");
    }

    private static Mat DecodeMat(ReadOnlyMemory<byte> data, RasterHeader header)
    {
        Mat mat;
        try
        {
            // ImDecode takes an array or a span; a span avoids copying when the memory is not an array slice.
            mat = MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? Cv2.ImDecode(segment.Array, ImreadModes.Unchanged)
                : Cv2.ImDecode(data.Span, ImreadModes.Unchanged);
        }
        catch (OpenCVException ex)
        {
            throw new ImageDecodeException($"Corrupt {header.Format.ToUpperInvariant()}: {ex.Message}", ex);
        }

        if (mat.Empty())
        {
            mat.Dispose();
            throw new ImageDecodeException($"Corrupt {header.Format.ToUpperInvariant()}: the pixel data could not be decoded.");
        }

        if (mat.Width != header.Width || mat.Height != header.Height)
        {
            var size = $"{mat.Width}×{mat.Height}";
            mat.Dispose();
            throw new ImageDecodeException($"Corrupt {header.Format.ToUpperInvariant()}: decoded {size} pixels but the header says {header.Width}×{header.Height}.");
        }

        return mat;
    }

    private static (float[] Pixels, int Channels) ToFloatSamples(Mat decoded, RasterHeader header)
    {
        // OpenCV delivers BGR(A); the contract is grey or RGB, alpha dropped.
        using var converted = new Mat();
        var source = decoded;
        switch (decoded.Channels())
        {
            case 4 when header.Channels == 1:
                Cv2.CvtColor(decoded, converted, ColorConversionCodes.BGRA2GRAY);
                source = converted;
                break;
            case 4:
                Cv2.CvtColor(decoded, converted, ColorConversionCodes.BGRA2RGB);
                source = converted;
                break;
            case 3:
                Cv2.CvtColor(decoded, converted, ColorConversionCodes.BGR2RGB);
                source = converted;
                break;
            case 2:
                Cv2.ExtractChannel(decoded, converted, 0);
                source = converted;
                break;
        }

        var channels = source.Channels();
        var pixels = new float[source.Width * source.Height * channels];
        using var target = Mat.FromPixelData(source.Height, source.Width, MatType.CV_32FC(channels), pixels);
        source.ConvertTo(target, MatType.CV_32FC(channels));
        return (pixels, channels);
    }

    private static string? Normalise(string? hint) =>
        string.IsNullOrWhiteSpace(hint) ? null : hint.Trim().ToUpperInvariant();
}
