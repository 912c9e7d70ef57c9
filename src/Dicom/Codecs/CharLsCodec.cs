using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>JPEG-LS lossless and near-lossless through CharLS (apt libcharls2).</summary>
public sealed class CharLsCodec : IDicomFrameCodec
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        NativeLibraries.Register(typeof(CharLsCodec).Assembly);
        return NativeLibraries.TryLoad(NativeLibraries.CharLs) != IntPtr.Zero;
    });

    /// <summary>True when libcharls can be loaded.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <inheritdoc />
    public string Name => "charls";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels == PixelEncoding.JpegLs;

    /// <inheritdoc />
    public unsafe string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        if (!IsAvailable)
        {
            throw new NotSupportedException("JPEG-LS through CharLS needs apt libcharls2");
        }

        var decoder = CharLsInterop.Create();
        if (decoder == IntPtr.Zero)
        {
            throw new InvalidOperationException("charls_jpegls_decoder_create failed");
        }

        try
        {
            fixed (byte* src = compressed)
            {
                Check(CharLsInterop.SetSource(decoder, src, (nuint)compressed.Length));
                Check(CharLsInterop.ReadHeader(decoder));
                Check(CharLsInterop.GetFrameInfo(decoder, out var frame));
                Check(CharLsInterop.GetInterleaveMode(decoder, out var interleave));
                if (frame.Width != info.Columns || frame.Height != info.Rows || frame.ComponentCount != info.SamplesPerPixel)
                {
                    throw new DicomFormatException(DicomTags.PixelData, -1, string.Create(CultureInfo.InvariantCulture,
                        $"JPEG-LS frame is {frame.Width}x{frame.Height}x{frame.ComponentCount}; the header says {info.Columns}x{info.Rows}x{info.SamplesPerPixel}"));
                }

                Check(CharLsInterop.GetDestinationSize(decoder, 0, out var size));
                var sampleBytes = frame.BitsPerSample <= 8 ? 1 : 2;
                var planar = interleave == 0 && info.SamplesPerPixel > 1;
                if (!planar && sampleBytes == info.BytesPerSample && size == (nuint)destination.Length)
                {
                    // The decoder's layout is ours: decode in place, no buffer, no copy.
                    fixed (byte* dst = destination)
                    {
                        Check(CharLsInterop.DecodeToBuffer(decoder, dst, size, 0));
                    }

                    return info.Photometric;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(checked((int)size));
                try
                {
                    fixed (byte* dst = buffer)
                    {
                        Check(CharLsInterop.DecodeToBuffer(decoder, dst, size, 0));
                    }

                    Copy(buffer.AsSpan(0, (int)size), sampleBytes, planar, info, destination);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        finally
        {
            CharLsInterop.Destroy(decoder);
        }

        return info.Photometric;
    }

    private static void Copy(ReadOnlySpan<byte> decoded, int sampleBytes, bool planar, PixelDataInfo info, Span<byte> destination)
    {
        var pixels = (int)info.PixelCount;
        var spp = info.SamplesPerPixel;
        var outBytes = info.BytesPerSample;
        if (!planar && sampleBytes == outBytes)
        {
            decoded[..destination.Length].CopyTo(destination);
            return;
        }

        destination.Clear();
        for (var p = 0; p < pixels; p++)
        {
            for (var s = 0; s < spp; s++)
            {
                var src = (planar ? s * pixels + p : p * spp + s) * sampleBytes;
                var dst = (p * spp + s) * outBytes;
                destination[dst] = decoded[src];
                if (sampleBytes == 2 && outBytes >= 2)
                {
                    destination[dst + 1] = decoded[src + 1];
                }
            }
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            var message = Marshal.PtrToStringAnsi(CharLsInterop.GetErrorMessage(error)) ?? "unknown error";
            throw new DicomFormatException(DicomTags.PixelData, -1, $"JPEG-LS (CharLS): {message}");
        }
    }
}
