using System.Globalization;
using MedicalImaging.Dicom;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Reads the indexed attributes out of a parsed instance.</summary>
public static class InstanceAttributes
{
    /// <summary>Attributes kept per instance (the computed study/series counts and ModalitiesInStudy are not).</summary>
    public static IReadOnlyList<DicomWebAttribute> Stored { get; } = DicomWebAttributes.All
        .Where(a => a != DicomWebAttributes.ModalitiesInStudy && a != DicomWebAttributes.StudySeriesCount
            && a != DicomWebAttributes.StudyInstanceCount && a != DicomWebAttributes.SeriesInstanceCount)
        .ToList();

    /// <summary>The values by column; numbers normalised to integer digits, absent values null.</summary>
    public static Dictionary<string, string?> Read(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var attribute in Stored)
        {
            var tag = DicomTag.FromValue(uint.Parse(attribute.Tag, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            string? value;
            if (attribute.IsNumber)
            {
                value = dataset.TryGetDouble(tag, out var number) && number == Math.Floor(number)
                    ? ((long)number).ToString(CultureInfo.InvariantCulture)
                    : null;
            }
            else
            {
                value = dataset.GetString(tag);
                value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }

            values[attribute.Column] = value;
        }

        return values;
    }

    /// <summary>
    /// Where the slice lies along the normal of its plane (ImagePositionPatient · (row × column) of
    /// ImageOrientationPatient), so slices sort in volume order whatever their instance numbers; null without a plane.
    /// </summary>
    public static double? SlicePosition(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var position = dataset.GetDoubles(DicomTags.ImagePositionPatient);
        var orientation = dataset.GetDoubles(DicomTags.ImageOrientationPatient);
        if (position.Length != 3 || orientation.Length != 6)
        {
            return null;
        }

        var nx = (orientation[1] * orientation[5]) - (orientation[2] * orientation[4]);
        var ny = (orientation[2] * orientation[3]) - (orientation[0] * orientation[5]);
        var nz = (orientation[0] * orientation[4]) - (orientation[1] * orientation[3]);
        return (position[0] * nx) + (position[1] * ny) + (position[2] * nz);
    }
}
