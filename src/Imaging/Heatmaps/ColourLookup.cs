using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// The JET colour scale (OpenCV's, read once) in RGB order, and the overlay blend in one pass: the
/// plain grey where the score is at or below the cold level, else the average of colour and grey
/// (half opacity, rounded half to even as OpenCV's addWeighted does). Eight pixels per step with AVX2
/// (colour by gather, byte averages, a shuffle to RGB triplets); it replaces OpenCV's 3-channel LUT
/// (~1 ms on 512²), a grey-to-RGB conversion, a weighted add and a masked copy.
/// </summary>
internal static class ColourLookup
{
    public const ColormapTypes Colormap = ColormapTypes.Jet;

    /// <summary>256 RGB triplets.</summary>
    private static readonly byte[] Jet = BuildJet();

    /// <summary>The same colours packed as 0x00BBGGRR, for gathers.</summary>
    private static readonly int[] JetPacked = Pack(Jet);

    /// <summary>Per 128-bit lane: four packed pixels (RGB0) → twelve RGB bytes, the last four lanes zeroed.</summary>
    private static readonly Vector256<byte> DropFourthByte = Vector256.Create(
        (byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80,
        0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);

    /// <summary>The JET colour of a level as an RGB <see cref="Scalar"/> (for drawing into an RGB canvas).</summary>
    public static Scalar Colour(int level) =>
        new(Jet[level * 3], Jet[(level * 3) + 1], Jet[(level * 3) + 2]);

    /// <summary>
    /// Writes the overlay of <paramref name="score8"/> on <paramref name="grey8"/> (both CV_8UC1, the
    /// size of <paramref name="rgb"/>) into <paramref name="rgb"/>, an RGB CV_8UC3 region.
    /// </summary>
    public static unsafe void Blend(Mat score8, Mat grey8, Mat rgb)
    {
        var width = rgb.Width;
        var height = rgb.Height;
        fixed (int* jet = JetPacked)
        {
            for (var y = 0; y < height; y++)
            {
                var score = (byte*)score8.Ptr(y);
                var grey = (byte*)grey8.Ptr(y);
                var target = (byte*)rgb.Ptr(y);
                var x = Avx2.IsSupported ? BlendVectorised(score, grey, target, width, jet) : 0;
                for (; x < width; x++)
                {
                    var g = grey[x];
                    var colour = jet[score[x]];
                    for (var c = 0; c < 3; c++)
                    {
                        target[(3 * x) + c] = score[x] <= HeatmapRenderer.ColdLevel ? g : Average((byte)(colour >> (8 * c)), g);
                    }
                }
            }
        }
    }

    /// <summary>(a + b) / 2 rounded half to even.</summary>
    private static byte Average(int a, int b)
    {
        var sum = a + b;
        return (byte)((sum >> 1) + (sum & (sum >> 1) & 1));
    }

    /// <summary>Whole 8-pixel blocks of a row, stopping where a 16-byte store would pass the row's end; returns the pixels done.</summary>
    private static unsafe int BlendVectorised(byte* score, byte* grey, byte* target, int width, int* jet)
    {
        var cold = Vector256.Create(HeatmapRenderer.ColdLevel);
        var x = 0;
        for (; x + 8 + 2 <= width; x += 8)
        {
            var levels = Avx2.ConvertToVector256Int32(score + x);
            var greys = Avx2.ConvertToVector256Int32(grey + x) * 0x010101;
            var colours = Avx2.GatherVector256(jet, levels, 4);

            // pavgb rounds half up; take one back where the sum is odd and the result odd (half to even).
            var average = Avx2.Average(colours.AsByte(), greys.AsByte());
            average -= (colours.AsByte() ^ greys.AsByte()) & average & Vector256.Create((byte)1);
            var pixels = Vector256.ConditionalSelect(Vector256.GreaterThan(levels, cold), average.AsInt32(), greys);
            var packed = Avx2.Shuffle(pixels.AsByte(), DropFourthByte);
            packed.GetLower().Store(target + (3 * x));
            packed.GetUpper().Store(target + (3 * x) + 12);
        }

        return x;
    }

    private static byte[] BuildJet()
    {
        using var ramp = new Mat(1, 256, MatType.CV_8UC1);
        for (var i = 0; i < 256; i++)
        {
            ramp.Set(0, i, (byte)i);
        }

        using var colours = new Mat();
        Cv2.ApplyColorMap(ramp, colours, Colormap);
        colours.GetArray(out Vec3b[] values);
        var table = new byte[256 * 3];
        for (var i = 0; i < 256; i++)
        {
            table[(i * 3) + 0] = values[i].Item2;
            table[(i * 3) + 1] = values[i].Item1;
            table[(i * 3) + 2] = values[i].Item0;
        }

        return table;
    }

    private static int[] Pack(byte[] rgb)
    {
        var packed = new int[256];
        for (var i = 0; i < 256; i++)
        {
            packed[i] = rgb[i * 3] | (rgb[(i * 3) + 1] << 8) | (rgb[(i * 3) + 2] << 16);
        }

        return packed;
    }
}
