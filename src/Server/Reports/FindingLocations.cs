using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Reports;

/// <summary>
/// Places the findings on the source images for the stored report: provider boxes and heatmap hotspots are found on
/// the preprocessed image (cropped, resized), while a viewer draws on the original frame. Each region is mapped back
/// through the crop, and each finding of a DICOM image gets that frame's reference. The vision result itself keeps
/// preprocessed coordinates, because the heatmap fusion draws them on the preprocessed image.
/// </summary>
public static class FindingLocations
{
    /// <summary>The findings with regions in source-image coordinates and their DICOM source frame.</summary>
    public static IReadOnlyList<ReportFinding> InSourceCoordinates(IReadOnlyList<ReportFinding> findings, IReadOnlyList<ReportImage> images)
    {
        var byIndex = images.ToDictionary(i => i.Index);
        return findings.Select(finding =>
        {
            if (!byIndex.TryGetValue(finding.ImageIndex, out var image))
            {
                return finding;
            }

            var region = finding.Region is { } box
                ? SourceRegions.ToSource(box, image.SourceCrop, image.Width, image.Height)
                : (NormalizedBox?)null;
            return finding with { Region = region, SourceImage = image.SourceReference };
        }).ToList();
    }
}
