using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom;

/// <summary>Reads which DICOM frame an image is (Study/Series/SOP Instance UID, SOP Class) for located findings and export.</summary>
public static class DicomImageReferenceReader
{
    /// <summary>The reference of frame <paramref name="frameIndex"/> (0-based) of <paramref name="ds"/>; null when a UID is missing.</summary>
    public static DicomImageReference? Read(DicomDataset ds, int frameIndex)
    {
        ArgumentNullException.ThrowIfNull(ds);
        var study = Uid(ds, DicomTags.StudyInstanceUid);
        var series = Uid(ds, DicomTags.SeriesInstanceUid);
        var instance = Uid(ds, DicomTags.SopInstanceUid);
        var sopClass = Uid(ds, DicomTags.SopClassUid);
        return study is null || series is null || instance is null || sopClass is null
            ? null
            : new DicomImageReference(study, series, instance, sopClass, frameIndex + 1);
    }

    private static string? Uid(DicomDataset ds, DicomTag tag) =>
        ds.GetFirstString(tag)?.Trim('\0', ' ') is { Length: > 0 } uid ? uid : null;
}
