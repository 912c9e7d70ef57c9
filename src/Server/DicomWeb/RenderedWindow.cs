using System.Globalization;
using MedicalImaging.Imaging.Preprocessing;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// The window of a rendered request (PS3.18 8.3.5.1.4): <c>window=center,width,function</c> where function is linear
/// (the only one offered; sigmoid is refused), or, as an extension, a preset name (lung, mediastinum, bone, brain,
/// subdural, abdomen, liver). No window: the instance's own window, else its VOI LUT, else min/max.
/// </summary>
public static class RenderedWindow
{
    public static (double Center, double Width)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (WindowPresets.Find(value) is { } preset)
        {
            return (preset.Center, preset.Width);
        }

        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var center)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var width)
            || !double.IsFinite(center) || !double.IsFinite(width) || width < 1)
        {
            throw new DicomWebRequestException(400,
                $"Query parameter window must be center,width[,linear] with width ≥ 1, or a preset ({string.Join(", ", WindowPresets.All.Select(p => p.Name))}); got '{value}'.");
        }

        if (parts.Length == 3 && parts[2] is not ("linear" or "linear-exact" or "LINEAR" or "LINEAR_EXACT"))
        {
            throw new DicomWebRequestException(400, $"Query parameter window asks for the '{parts[2]}' VOI function; this server renders linear windows only.");
        }

        return (center, width);
    }
}
