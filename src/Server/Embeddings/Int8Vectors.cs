using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MedicalImaging.Server.Embeddings;

/// <summary>
/// Symmetric int8 quantisation of unit vectors (one scale per vector) and a SIMD int8 dot product:
/// a quarter of the memory traffic of float32, which is what bounds a linear scan.
/// </summary>
public static class Int8Vectors
{
    /// <summary>Quantises <paramref name="vector"/> into <paramref name="codes"/>; returns the scale (value ≈ code / scale).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = 0f;
        foreach (var v in vector)
        {
            max = MathF.Max(max, MathF.Abs(v));
        }

        var scale = max > 0 ? 127f / max : 1f;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * scale), -127, 127);
        }

        return scale;
    }

    /// <summary>Σ a[i]·b[i] over int8 codes, exact in int32 (lengths up to 130,000).</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && a.Length >= 32)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            var acc = Vector256<int>.Zero;
            for (; i <= a.Length - 32; i += 32)
            {
                var va = Vector256.LoadUnsafe(ref Unsafe.As<sbyte, sbyte>(ref Unsafe.Add(ref ra, i)));
                var vb = Vector256.LoadUnsafe(ref Unsafe.As<sbyte, sbyte>(ref Unsafe.Add(ref rb, i)));
                var (aLow, aHigh) = Vector256.Widen(va);
                var (bLow, bHigh) = Vector256.Widen(vb);
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(aLow, bLow));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(aHigh, bHigh));
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
