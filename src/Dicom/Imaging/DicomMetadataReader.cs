using System.Globalization;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom;

/// <summary>Builds the pipeline's <see cref="ImageMetadata"/> from a dataset: technical and clinical context only, nothing identifying.</summary>
internal static class DicomMetadataReader
{
    public static ImageMetadata Read(DicomDataset ds, PixelDataInfo info, string photometric, bool isHounsfield, int frameIndex)
    {
        var spacing = ds.GetDoubles(DicomTags.PixelSpacing);
        var modality = ds.GetFirstString(DicomTags.Modality)?.ToUpperInvariant() ?? "OT";
        var metadata = new ImageMetadata
        {
            Modality = modality,
            BodyPart = ds.GetFirstString(DicomTags.BodyPartExamined)?.ToUpperInvariant(),
            SourceFormat = "dicom",
            PhotometricInterpretation = photometric,
            IsHounsfield = isHounsfield,
            BitsStored = info.BitsStored,
            PixelSpacingRowMm = spacing.Length >= 1 && spacing[0] > 0 ? spacing[0] : null,
            PixelSpacingColumnMm = spacing.Length >= 2 && spacing[1] > 0 ? spacing[1] : null,
            SliceThicknessMm = ds.GetDouble(DicomTags.SliceThickness),
            WindowCenter = ds.GetDouble(DicomTags.WindowCenter),
            WindowWidth = ds.GetDouble(DicomTags.WindowWidth) is > 0 and var w ? w : null,
            FrameCount = info.Frames,
            FrameIndex = frameIndex,
            StudyDescription = ds.GetString(DicomTags.StudyDescription),
            SeriesDescription = ds.GetString(DicomTags.SeriesDescription),
            BurnedInAnnotation = ds.GetFirstString(DicomTags.BurnedInAnnotation)?.Trim().ToUpperInvariant() switch
            {
                "YES" => true,
                "NO" => false,
                _ => null,
            },
        };
        return modality == "PT" ? WithPet(metadata, ds) : metadata;
    }

    private static ImageMetadata WithPet(ImageMetadata metadata, DicomDataset ds)
    {
        var items = ds.GetSequence(DicomTags.RadiopharmaceuticalInformationSequence);
        var radiopharmaceutical = items.Count > 0 ? items[0] : null;
        double? seconds = null;
        var start = radiopharmaceutical?.GetFirstString(DicomTags.RadiopharmaceuticalStartTime);
        var acquisition = ds.GetFirstString(DicomTags.SeriesTime) ?? ds.GetFirstString(DicomTags.AcquisitionTime);
        if (ParseTime(start) is { } injected && ParseTime(acquisition) is { } acquired)
        {
            var delta = acquired - injected;
            seconds = delta < 0 ? delta + 86400 : delta; // scan after midnight
        }

        return metadata with
        {
            PatientWeightKg = ds.GetDouble(DicomTags.PatientWeight) is > 0 and var kg ? kg : null,
            RadionuclideTotalDoseBq = radiopharmaceutical?.GetDouble(DicomTags.RadionuclideTotalDose),
            RadionuclideHalfLifeSeconds = radiopharmaceutical?.GetDouble(DicomTags.RadionuclideHalfLife),
            SecondsFromInjectionToAcquisition = seconds,
            PetUnits = ds.GetFirstString(DicomTags.Units),
        };
    }

    /// <summary>TM (HHMMSS.FFFFFF, optionally HH:MM:SS) to seconds since midnight.</summary>
    internal static double? ParseTime(string? tm)
    {
        if (string.IsNullOrEmpty(tm))
        {
            return null;
        }

        var t = tm.Replace(":", string.Empty, StringComparison.Ordinal);
        if (t.Length < 2 || !int.TryParse(t.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h))
        {
            return null;
        }

        var m = t.Length >= 4 && int.TryParse(t.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var mm) ? mm : 0;
        var s = t.Length > 4 && double.TryParse(t.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ss) ? ss : 0;
        return h * 3600 + m * 60 + s;
    }
}
