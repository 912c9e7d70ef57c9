using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedicalImaging.Dicom;

/// <summary>
/// Writes OpenJPEG's int32 component planes into a frame: little-endian, BytesPerSample wide (two's complement, so
/// signed and unsigned samples alike keep their low bits; the normaliser applies Bits Stored and the sign), interleaved.
/// </summary>
internal static unsafe class OpenJpegSampleWriter
{
    public static void Write(OpenJpegImage* image, PixelDataInfo info, Span<byte> destination)
    {
        var pixels = checked((int)info.PixelCount);
        var samples = info.SamplesPerPixel;
        for (var c = 0; c < samples; c++)
        {
            var plane = new ReadOnlySpan<int>(image->Components[c].Data, pixels);
            switch (info.BytesPerSample)
            {
                case 1 when samples == 1:
                    NarrowToBytes(plane, destination);
                    break;
                case 2 when samples == 1:
                    NarrowToShorts(plane, MemoryMarshal.Cast<byte, short>(destination));
                    break;
                case 4 when samples == 1:
                    plane.CopyTo(MemoryMarshal.Cast<byte, int>(destination));
                    break;
                case 1:
                    Interleave(plane, destination, c, samples);
                    break;
                case 2:
                    Interleave(plane, MemoryMarshal.Cast<byte, short>(destination), c, samples);
                    break;
                default:
                    Interleave(plane, MemoryMarshal.Cast<byte, int>(destination), c, samples);
                    break;
            }
        }
    }

    private static void NarrowToShorts(ReadOnlySpan<int> source, Span<short> destination)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)source.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Narrow truncates (keeps the low 16 bits), as the scalar cast does.
            for (; i + 16 <= n; i += 16)
            {
                Vector256.Narrow(Vector256.LoadUnsafe(ref src, i), Vector256.LoadUnsafe(ref src, i + 8)).StoreUnsafe(ref dst, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = (short)Unsafe.Add(ref src, i);
        }
    }

    private static void NarrowToBytes(ReadOnlySpan<int> source, Span<byte> destination)
    {
        ref var src = ref Unsafe.As<int, uint>(ref MemoryMarshal.GetReference(source));
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)source.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= n; i += 32)
            {
                var low = Vector256.Narrow(Vector256.LoadUnsafe(ref src, i), Vector256.LoadUnsafe(ref src, i + 8));
                var high = Vector256.Narrow(Vector256.LoadUnsafe(ref src, i + 16), Vector256.LoadUnsafe(ref src, i + 24));
                Vector256.Narrow(low, high).StoreUnsafe(ref dst, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = (byte)Unsafe.Add(ref src, i);
        }
    }

    private static void Interleave(ReadOnlySpan<int> plane, Span<byte> destination, int component, int samples)
    {
        for (var p = 0; p < plane.Length; p++)
        {
            destination[p * samples + component] = (byte)plane[p];
        }
    }

    private static void Interleave(ReadOnlySpan<int> plane, Span<short> destination, int component, int samples)
    {
        for (var p = 0; p < plane.Length; p++)
        {
            destination[p * samples + component] = (short)plane[p];
        }
    }

    private static void Interleave(ReadOnlySpan<int> plane, Span<int> destination, int component, int samples)
    {
        for (var p = 0; p < plane.Length; p++)
        {
            destination[p * samples + component] = plane[p];
        }
    }
}
