using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>Stored samples (see <see cref="DecodedFrame"/>) to float, with an optional linear rescale.</summary>
internal static class SampleConverter
{
    public static void ToFloat(DecodedFrame frame, float slope, float intercept, Span<float> destination)
    {
        var data = frame.Data.AsSpan();
        var signed = frame.Info.IsSigned;
        switch (frame.Info.BytesPerSample)
        {
            case 1 when signed:
                Convert(MemoryMarshal.Cast<byte, sbyte>(data), slope, intercept, destination);
                break;
            case 1:
                Convert(data, slope, intercept, destination);
                break;
            case 2 when signed:
                Convert(MemoryMarshal.Cast<byte, short>(data), slope, intercept, destination);
                break;
            case 2:
                Convert(MemoryMarshal.Cast<byte, ushort>(data), slope, intercept, destination);
                break;
            case 4 when signed:
                Convert(MemoryMarshal.Cast<byte, int>(data), slope, intercept, destination);
                break;
            default:
                Convert(MemoryMarshal.Cast<byte, uint>(data), slope, intercept, destination);
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

    private static void Convert<T>(ReadOnlySpan<T> source, float slope, float intercept, Span<float> destination)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var n = Math.Min(source.Length, destination.Length);
        if (slope == 1f && intercept == 0f)
        {
            for (var i = 0; i < n; i++)
            {
                destination[i] = float.CreateTruncating(source[i]);
            }

            return;
        }

        for (var i = 0; i < n; i++)
        {
            destination[i] = float.CreateTruncating(source[i]) * slope + intercept;
        }
    }
}
