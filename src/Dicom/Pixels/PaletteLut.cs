using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>PALETTE COLOR lookup (red/green/blue descriptors and data, 8- or 16-bit entries), output 0..255.</summary>
internal sealed class PaletteLut
{
    private readonly float[][] _channels = new float[3][];
    private readonly int _first;

    private PaletteLut(int first)
    {
        _first = first;
    }

    public static PaletteLut FromDataset(DicomDataset ds)
    {
        var descriptors = new[] { DicomTags.RedPaletteDescriptor, DicomTags.GreenPaletteDescriptor, DicomTags.BluePaletteDescriptor };
        var data = new[] { DicomTags.RedPaletteData, DicomTags.GreenPaletteData, DicomTags.BluePaletteData };
        var first = ds.GetInt32(descriptors[0], 0, 1);
        var lut = new PaletteLut(first);
        for (var c = 0; c < 3; c++)
        {
            var element = ds.GetElement(data[c])
                ?? throw new DicomFormatException(data[c], -1, "PALETTE COLOR without palette data");
            var entries = ds.GetInt32(descriptors[c], 0, 0);
            var bits = ds.GetInt32(descriptors[c], 16, 2);
            if (entries == 0)
            {
                entries = 65536;
            }

            var bytes = element.Value.Span;
            var entryBytes = bytes.Length >= entries * 2 ? 2 : 1;
            if (bytes.Length < entries * entryBytes)
            {
                throw new DicomFormatException(data[c], element.Offset, string.Create(CultureInfo.InvariantCulture,
                    $"palette holds {bytes.Length} bytes for {entries} entries"));
            }

            var scale = 255f / ((1 << bits) - 1);
            var table = new float[entries];
            for (var i = 0; i < entries; i++)
            {
                int v = entryBytes == 2
                    ? ds.IsBigEndian ? (bytes[2 * i] << 8) | bytes[2 * i + 1] : bytes[2 * i] | (bytes[2 * i + 1] << 8)
                    : bytes[i];
                table[i] = Math.Min(255f, v * scale);
            }

            lut._channels[c] = table;
        }

        return lut;
    }

    public void Apply(DecodedFrame frame, Span<float> rgb)
    {
        var pixels = (int)frame.Info.PixelCount;
        for (var p = 0; p < pixels; p++)
        {
            var index = SampleConverter.Read(frame, p) - _first;
            for (var c = 0; c < 3; c++)
            {
                var table = _channels[c];
                rgb[p * 3 + c] = table[Math.Clamp(index, 0, table.Length - 1)];
            }
        }
    }
}
