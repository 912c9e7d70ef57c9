using OpenCvSharp;

namespace MedicalImaging.Imaging.Heatmaps;

/// <summary>
/// The JET colour scale as a 256-entry RGB lookup table built once; applying it with
/// <see cref="Cv2.LUT(InputArray, InputArray, OutputArray)"/> is far cheaper than
/// <see cref="Cv2.ApplyColorMap(InputArray, OutputArray, ColormapTypes)"/>, which rebuilds its table every call.
/// </summary>
internal static class ColourLookup
{
    public const ColormapTypes Colormap = ColormapTypes.Jet;

    private static readonly byte[] Table = Build();

    /// <summary>Maps a CV_8UC1 image to CV_8UC3 colours in RGB order (what the PNG writer takes).</summary>
    public static Mat Apply(Mat grey8)
    {
        using var table = Mat.FromPixelData(1, 256, MatType.CV_8UC3, Table);
        using var threeChannel = new Mat();
        Cv2.CvtColor(grey8, threeChannel, ColorConversionCodes.GRAY2RGB);
        var colour = new Mat();
        Cv2.LUT(threeChannel, table, colour);
        return colour;
    }

    private static byte[] Build()
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
}
