using System.Globalization;

namespace MedicalImaging.Imaging.Common;

/// <summary>Culture-invariant number formatting for parameters and finding text.</summary>
internal static class Invariant
{
    public static string F(double value, int decimals = 1) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Box(OpenCvSharp.Rect rect) =>
        string.Create(CultureInfo.InvariantCulture, $"x={rect.X},y={rect.Y},w={rect.Width},h={rect.Height}");
}
