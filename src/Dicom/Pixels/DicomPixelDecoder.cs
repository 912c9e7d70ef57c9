using System.Globalization;
using System.Runtime.ExceptionServices;

namespace MedicalImaging.Dicom;

/// <summary>Decodes frames of a parsed file into stored values, checking every size before allocating.</summary>
public sealed class DicomPixelDecoder
{
    /// <summary>Decoded frames may expand at most this much over their compressed bytes (past a 64 MiB floor).</summary>
    private const long MaxExpansion = 1024;

    private readonly IReadOnlyList<IDicomFrameCodec> _codecs;

    /// <param name="codecs">Codecs tried in order; null uses <see cref="DicomCodecs.Default"/>.</param>
    public DicomPixelDecoder(IReadOnlyList<IDicomFrameCodec>? codecs = null)
    {
        _codecs = codecs ?? DicomCodecs.Default;
    }

    /// <summary>Largest decoded frame accepted, in bytes. Default 1 GiB.</summary>
    public long MaxFrameBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Threads used by <see cref="DecodeFrames"/> for compressed multi-frame objects. Default: the processor count.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Decodes every frame. Compressed multi-frame objects are decoded frame-parallel (codecs are independent per frame);
    /// native frames (copies) and frames GDCM decodes (it serialises itself) stay on the calling thread.
    /// </summary>
    /// <exception cref="DicomFormatException">Missing or inconsistent pixel data, or a corrupt codestream.</exception>
    /// <exception cref="NotSupportedException">No codec for the transfer syntax is available.</exception>
    public DecodedFrame[] DecodeFrames(DicomFile file)
    {
        var info = PixelDataInfo.FromFile(file);
        var frames = new DecodedFrame[info.Frames];
        var pixel = file.Dataset.GetElement(DicomTags.PixelData);
        if (info.Frames == 1 || MaxDegreeOfParallelism <= 1 || pixel?.Fragments is null || IsSerialised(file, pixel, info))
        {
            for (var i = 0; i < frames.Length; i++)
            {
                frames[i] = DecodeFrame(file, i);
            }

            return frames;
        }

        _ = file.Dataset.Elements; // sorts a dataset read out of order once, before the threads read it
        try
        {
            Parallel.For(0, frames.Length, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism },
                i => frames[i] = FrameParallelism.Run(() => DecodeFrame(file, i)));
        }
        catch (AggregateException ex)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        return frames;
    }

    /// <summary>GDCM takes one frame at a time (a process-wide lock): threads would only queue.</summary>
    private bool IsSerialised(DicomFile file, DicomElement pixel, PixelDataInfo info)
    {
        try
        {
            var first = FrameSource.Encapsulated(file.Dataset, pixel, info, 0);
            return FindCodec(info.TransferSyntax, first.Span, info) is GdcmCodec;
        }
        catch (Exception ex) when (ex is DicomFormatException or NotSupportedException)
        {
            return true; // DecodeFrame reports it
        }
    }

    /// <summary>Decodes one frame (0-based).</summary>
    /// <exception cref="DicomFormatException">Missing or inconsistent pixel data, or a corrupt codestream.</exception>
    /// <exception cref="NotSupportedException">No codec for the transfer syntax is available.</exception>
    public DecodedFrame DecodeFrame(DicomFile file, int frameIndex)
    {
        var info = PixelDataInfo.FromFile(file);
        var pixel = file.Dataset.GetElement(DicomTags.PixelData)
            ?? throw new DicomFormatException(DicomTags.PixelData, -1, "the dataset has no Pixel Data");
        if (frameIndex < 0 || frameIndex >= info.Frames)
        {
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex,
                string.Create(CultureInfo.InvariantCulture, $"frame {frameIndex} requested; the object has {info.Frames} (0-based)"));
        }

        var frameBytes = info.FrameBytes;
        if (frameBytes > MaxFrameBytes || frameBytes > Array.MaxLength)
        {
            throw new DicomFormatException(DicomTags.Rows, file.Dataset.GetElement(DicomTags.Rows)?.Offset ?? -1,
                string.Create(CultureInfo.InvariantCulture, $"a {info.Rows}x{info.Columns}x{info.SamplesPerPixel} frame needs {frameBytes} bytes, above the {MaxFrameBytes}-byte limit"));
        }

        if (pixel.Fragments is null)
        {
            if (info.TransferSyntax.IsEncapsulated && pixel.DeclaredLength != DicomElement.UndefinedLength)
            {
                // Some writers store uncompressed data under a compressed syntax; read it as native.
            }

            var (slice, bitOffset) = FrameSource.Native(pixel, info, frameIndex);
            var data = new byte[frameBytes];
            NativeFrameReader.Read(slice.Span, bitOffset, info, file.Dataset.IsBigEndian, pixel.VR == DicomVR.OW, data);
            StoredValueNormalizer.Normalize(data, info);
            var photometric = info.IsNativeSubsampled ? "YBR_FULL" : info.Photometric;
            return new DecodedFrame(info, data, photometric, frameIndex, "native");
        }

        var compressed = FrameSource.Encapsulated(file.Dataset, pixel, info, frameIndex);
        if (frameBytes > Math.Max(64L << 20, compressed.Length * MaxExpansion))
        {
            throw new DicomFormatException(DicomTags.PixelData, pixel.Offset, string.Create(CultureInfo.InvariantCulture,
                $"a {info.Rows}x{info.Columns}x{info.SamplesPerPixel} frame ({frameBytes} bytes) cannot come from {compressed.Length} compressed bytes"));
        }

        var codec = FindCodec(info.TransferSyntax, compressed.Span, info);
        var output = new byte[frameBytes];
        var outPhotometric = codec.Decode(compressed.Span, info, output);
        StoredValueNormalizer.Normalize(output, info);
        return new DecodedFrame(info, output, outPhotometric, frameIndex, codec.Name);
    }

    private IDicomFrameCodec FindCodec(DicomTransferSyntax syntax, ReadOnlySpan<byte> compressed, PixelDataInfo info)
    {
        foreach (var codec in _codecs)
        {
            if (codec.CanDecode(syntax) && codec.CanDecodeFrame(compressed, info))
            {
                return codec;
            }
        }

        var hint = syntax.Pixels switch
        {
            PixelEncoding.JpegLs => " (install apt packages libcharls2, or libgdcm-cil + libgdcm3.0)",
            PixelEncoding.Jpeg2000 => " (install apt package libopenjp2-7, or libgdcm-cil + libgdcm3.0)",
            PixelEncoding.HighThroughputJpeg2000 => " (install apt package libopenjp2-7, 2.5 or later)",
            PixelEncoding.Jpeg or PixelEncoding.JpegLossless => " (install apt packages libgdcm-cil + libgdcm3.0)",
            _ => string.Empty,
        };
        throw new NotSupportedException($"no decoder available for transfer syntax {syntax.Uid} ({syntax.Name}){hint}");
    }
}
