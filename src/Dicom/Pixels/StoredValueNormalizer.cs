using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>Keeps only the Bits Stored bits ending at High Bit, shifted down, sign-extended for signed data.</summary>
internal static class StoredValueNormalizer
{
    public static void Normalize(Span<byte> data, PixelDataInfo info)
    {
        var bits = info.BitsStored;
        var shift = info.HighBit + 1 - bits;
        if (info.BitsAllocated == 1 || (bits == info.BitsAllocated && shift == 0))
        {
            return;
        }

        switch (info.BytesPerSample)
        {
            case 1:
                Apply(data, shift, bits, info.IsSigned);
                break;
            case 2:
                Apply(MemoryMarshal.Cast<byte, ushort>(data), shift, bits, info.IsSigned);
                break;
            default:
                Apply(MemoryMarshal.Cast<byte, uint>(data), shift, bits, info.IsSigned);
                break;
        }
    }

    private static void Apply(Span<byte> values, int shift, int bits, bool signed)
    {
        var mask = (1 << bits) - 1;
        var sign = 1 << (bits - 1);
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] >> shift) & mask;
            values[i] = (byte)(signed && (v & sign) != 0 ? v | ~mask : v);
        }
    }

    private static void Apply(Span<ushort> values, int shift, int bits, bool signed)
    {
        var mask = (1 << bits) - 1;
        var sign = 1 << (bits - 1);
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] >> shift) & mask;
            values[i] = (ushort)(signed && (v & sign) != 0 ? v | ~mask : v);
        }
    }

    private static void Apply(Span<uint> values, int shift, int bits, bool signed)
    {
        var mask = bits == 32 ? uint.MaxValue : (1u << bits) - 1;
        var sign = 1u << (bits - 1);
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] >> shift) & mask;
            values[i] = signed && (v & sign) != 0 ? v | ~mask : v;
        }
    }
}
