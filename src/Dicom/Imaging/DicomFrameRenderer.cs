using System.Globalization;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom;

/// <summary>Stored values to the pipeline's float image: modality rescale for grey, RGB for colour and palette.</summary>
public static class DicomFrameRenderer
{
    /// <summary>
    /// Grey native frame straight from the file's pixel data: stored-value normalisation and modality rescale in one
    /// vectorised pass, no intermediate stored-value copy. <paramref name="native"/> is the frame's little-endian slice.
    /// </summary>
    internal static DecodedImage GreyFromNative(DicomDataset ds, PixelDataInfo info, ReadOnlySpan<byte> native, int frameIndex)
    {
        var output = GC.AllocateUninitializedArray<float>(checked((int)info.PixelCount)); // every sample is written below
        var (slope, intercept, hounsfield) = Rescale(ds);
        SampleConverter.ToFloat(native, info, normalize: true, slope, intercept, output);
        var photometric = info.Photometric is "MONOCHROME1" ? "MONOCHROME1" : "MONOCHROME2";
        return DicomVoiLuts.WithVoiLut(ds, info, new DecodedImage
        {
            Width = info.Columns,
            Height = info.Rows,
            Channels = 1,
            Pixels = output,
            Metadata = DicomMetadataReader.Read(ds, info, photometric, hounsfield, frameIndex),
            Identifiers = DicomIdentifierHarvester.Harvest(ds),
            SourceReference = DicomImageReferenceReader.Read(ds, frameIndex),
        }, intercept);
    }

    /// <summary>Builds the <see cref="DecodedImage"/> of a decoded frame.</summary>
    public static DecodedImage ToDecodedImage(DicomDataset ds, DecodedFrame frame)
    {
        var info = frame.Info;
        var pixels = checked((int)info.PixelCount);
        var photometric = frame.Photometric;
        float[] output;
        int channels;
        var hounsfield = false;
        var intercept = 0f;
        if (photometric == "PALETTE COLOR")
        {
            channels = 3;
            output = new float[pixels * 3];
            PaletteLut.FromDataset(ds).Apply(frame, output);
            photometric = "RGB";
        }
        else if (info.SamplesPerPixel == 3)
        {
            channels = 3;
            output = GC.AllocateUninitializedArray<float>(pixels * 3); // every sample is written
            SampleConverter.ToFloat(frame, 1f, 0f, output);
            if (photometric.StartsWith("YBR", StringComparison.Ordinal))
            {
                YbrToRgb(output, photometric, info.BitsStored);
            }

            photometric = "RGB";
        }
        else
        {
            channels = 1;
            output = GC.AllocateUninitializedArray<float>(pixels); // every sample is written
            (var slope, intercept, hounsfield) = Rescale(ds);
            SampleConverter.ToFloat(frame, slope, intercept, output);
            photometric = photometric is "MONOCHROME1" ? photometric : "MONOCHROME2";
        }

        var image = new DecodedImage
        {
            Width = info.Columns,
            Height = info.Rows,
            Channels = channels,
            Pixels = output,
            Metadata = DicomMetadataReader.Read(ds, info, photometric, hounsfield, frame.FrameIndex),
            Identifiers = DicomIdentifierHarvester.Harvest(ds),
            SourceReference = DicomImageReferenceReader.Read(ds, frame.FrameIndex),
        };
        return channels == 1 ? DicomVoiLuts.WithVoiLut(ds, info, image, intercept) : image;
    }

    private static (float Slope, float Intercept, bool Hounsfield) Rescale(DicomDataset ds)
    {
        var slope = (float)(ds.GetDouble(DicomTags.RescaleSlope) is { } s && s != 0 ? s : 1.0);
        var intercept = (float)(ds.GetDouble(DicomTags.RescaleIntercept) ?? 0.0);
        var modality = ds.GetFirstString(DicomTags.Modality);
        var rescaleType = ds.GetFirstString(DicomTags.RescaleType);
        var hounsfield = string.Equals(modality, "CT", StringComparison.OrdinalIgnoreCase)
            && (rescaleType is null || rescaleType.Equals("HU", StringComparison.OrdinalIgnoreCase));
        return (slope, intercept, hounsfield);
    }

    private static void YbrToRgb(Span<float> data, string photometric, int bits)
    {
        var half = (float)(1 << (bits - 1));
        var max = (float)((1 << bits) - 1);
        var partial = photometric.Contains("PARTIAL", StringComparison.Ordinal);
        for (var i = 0; i + 2 < data.Length; i += 3)
        {
            float y = data[i], cb = data[i + 1], cr = data[i + 2];
            if (partial)
            {
                // Y 16..235, Cb/Cr 16..240 (8-bit scale): expand to full range first.
                var k = half / 128f;
                y = (y - 16f * k) * 255f / 219f;
                cb = (cb - half) * 255f / 224f + half;
                cr = (cr - half) * 255f / 224f + half;
            }

            var (r, g, b) = ColorConversion.ToRgb(y, cb, cr, half);
            data[i] = Math.Clamp(r, 0, max);
            data[i + 1] = Math.Clamp(g, 0, max);
            data[i + 2] = Math.Clamp(b, 0, max);
        }
    }

    internal static string Describe(PixelDataInfo info) => string.Create(CultureInfo.InvariantCulture,
        $"{info.Columns}x{info.Rows}x{info.SamplesPerPixel} {info.BitsStored}/{info.BitsAllocated}-bit {info.Photometric}");
}
