using System.Globalization;

namespace MedicalImaging.Server.Reports;

/// <summary>
/// The report's account of the burned-in text step: what was blanked in, read in, or sent without a
/// check from each image's outbound copy. Nothing when no image left the process.
/// </summary>
public static class BurnedInTextNotes
{
    public static IEnumerable<string> Limitations(IEnumerable<ReportImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        foreach (var image in images)
        {
            var index = image.Index;
            switch (image.BurnedInText)
            {
                case null:
                    break;
                case { Checked: true, RegionsBlanked: > 0 } check:
                    yield return string.Create(CultureInfo.InvariantCulture,
                        $"Burned-in text blanked in image {index} ({check.RegionsBlanked} region(s)) in the copy sent to the AI provider; the stored image and heatmap are unchanged, and the provider did not see those areas.");
                    break;
                case { Checked: true }:
                    yield return string.Create(CultureInfo.InvariantCulture, $"Image {index} was read for burned-in text before it was sent: none found.");
                    break;
                case var skipped:
                    yield return string.Create(CultureInfo.InvariantCulture, $"Image {index} was sent without a burned-in text check ({skipped.Reason}).");
                    break;
            }
        }
    }
}
