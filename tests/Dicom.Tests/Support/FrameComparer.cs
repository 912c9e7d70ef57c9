using System.Buffers.Binary;

namespace MedicalImaging.Dicom.Tests;

/// <summary>Compares decoded frames sample by sample.</summary>
internal static class FrameComparer
{
    public static long Sample(byte[] data, int index, int bytesPerSample, bool signed) => bytesPerSample switch
    {
        1 => signed ? (sbyte)data[index] : data[index],
        2 => signed ? BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(index * 2)) : BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(index * 2)),
        _ => signed ? BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(index * 4)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(index * 4)),
    };

    /// <summary>Max and mean absolute difference between two frames of the same layout.</summary>
    public static (long Max, double Mean) Difference(DecodedFrame a, DecodedFrame b)
    {
        var bps = a.Info.BytesPerSample;
        var n = a.Data.Length / bps;
        Assert.Equal(a.Data.Length, b.Data.Length);
        long max = 0;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var d = Math.Abs(Sample(a.Data, i, bps, a.Info.IsSigned) - Sample(b.Data, i, bps, b.Info.IsSigned));
            max = Math.Max(max, d);
            sum += d;
        }

        return (max, sum / n);
    }
}
