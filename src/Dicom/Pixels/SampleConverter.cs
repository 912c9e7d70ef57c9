using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MedicalImaging.Dicom;

/// <summary>Stored samples (see <see cref="DecodedFrame"/>) to float, with an optional linear rescale; 8/16-bit vectorised.</summary>
internal static class SampleConverter
{
    public static void ToFloat(DecodedFrame frame, float slope, float intercept, Span<float> destination) =>
        ToFloat(frame.Data, frame.Info, normalize: false, slope, intercept, destination);

    /// <summary>
    /// Converts little-endian samples <see cref="PixelDataInfo.BytesPerSample"/> wide. With <paramref name="normalize"/>
    /// the raw container values are first reduced to Bits Stored ending at High Bit and sign-extended, as
    /// <see cref="StoredValueNormalizer"/> would, so native pixel data can be converted without an intermediate copy.
    /// </summary>
    public static void ToFloat(ReadOnlySpan<byte> data, PixelDataInfo info, bool normalize, float slope, float intercept, Span<float> destination)
    {
        var bits = info.BitsStored;
        var shift = normalize ? info.HighBit + 1 - bits : 0;
        var signed = info.IsSigned;
        if (!normalize)
        {
            // Already normalised: the container holds the value (sign-extended when signed).
            bits = info.BytesPerSample * 8;
        }

        switch (info.BytesPerSample)
        {
            case 1:
                Convert8(data, shift, bits, signed, slope, intercept, destination);
                break;
            case 2:
                Convert16(MemoryMarshal.Cast<byte, ushort>(data), shift, bits, signed, slope, intercept, destination);
                break;
            default:
                Convert32(MemoryMarshal.Cast<byte, uint>(data), normalize ? shift : 0, normalize ? bits : 32, signed, slope, intercept, destination);
                break;
        }
    }

    /// <summary>Sample <paramref name="index"/> as an integer.</summary>
    public static int Read(DecodedFrame frame, int index)
    {
        var data = frame.Data;
        var signed = frame.Info.IsSigned;
        return frame.Info.BytesPerSample switch
        {
            1 => signed ? (sbyte)data[index] : data[index],
            2 => signed ? MemoryMarshal.Cast<byte, short>(data)[index] : MemoryMarshal.Cast<byte, ushort>(data)[index],
            _ => MemoryMarshal.Cast<byte, int>(data)[index],
        };
    }

    private static void Convert16(ReadOnlySpan<ushort> source, int shift, int bits, bool signed, float slope, float intercept, Span<float> destination)
    {
        var n = Math.Min(source.Length, destination.Length);
        var left = 32 - shift - bits;
        var right = 32 - bits;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vSlope = Vector256.Create(slope);
            var vIntercept = Vector256.Create(intercept);
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                Store(Extract(lo, left, right, signed), vSlope, vIntercept, ref dst, i);
                Store(Extract(hi, left, right, signed), vSlope, vIntercept, ref dst, i + Vector256<int>.Count);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = Scalar(source[i], left, right, signed) * slope + intercept;
        }
    }

    private static void Convert8(ReadOnlySpan<byte> source, int shift, int bits, bool signed, float slope, float intercept, Span<float> destination)
    {
        var n = Math.Min(source.Length, destination.Length);
        var left = 32 - shift - bits;
        var right = 32 - bits;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vSlope = Vector256.Create(slope);
            var vIntercept = Vector256.Create(intercept);
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                var k = i;
                foreach (var half in (ReadOnlySpan<Vector256<ushort>>)[a, b])
                {
                    var (lo, hi) = Vector256.Widen(half);
                    Store(Extract(lo, left, right, signed), vSlope, vIntercept, ref dst, k);
                    Store(Extract(hi, left, right, signed), vSlope, vIntercept, ref dst, k + Vector256<int>.Count);
                    k += Vector256<ushort>.Count;
                }
            }
        }

        for (; i < n; i++)
        {
            destination[i] = Scalar(source[i], left, right, signed) * slope + intercept;
        }
    }

    private static void Convert32(ReadOnlySpan<uint> source, int shift, int bits, bool signed, float slope, float intercept, Span<float> destination)
    {
        var n = Math.Min(source.Length, destination.Length);
        for (var i = 0; i < n; i++)
        {
            var raw = bits == 32 ? source[i] : (source[i] >> shift) & ((1u << bits) - 1);
            float v = signed
                ? bits == 32 ? (int)raw : (int)(raw << (32 - bits)) >> (32 - bits)
                : raw;
            destination[i] = v * slope + intercept;
        }
    }

    /// <summary>Keeps Bits Stored ending at High Bit: shift them to the top of 32 bits, then back down (arithmetic when signed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Extract(Vector256<uint> raw, int left, int right, bool signed) => signed
        ? Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(raw, left).AsInt32(), right)
        : Vector256.ShiftRightLogical(Vector256.ShiftLeft(raw, left), right).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Scalar(uint raw, int left, int right, bool signed) => signed
        ? (int)(raw << left) >> right
        : (raw << left) >> right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<int> values, Vector256<float> slope, Vector256<float> intercept, ref float destination, int index) =>
        // Multiply then add (two roundings), exactly as the scalar tail does.
        (Vector256.ConvertToSingle(values) * slope + intercept).StoreUnsafe(ref destination, (nuint)index);
}
