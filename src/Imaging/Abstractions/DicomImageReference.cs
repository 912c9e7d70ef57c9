namespace MedicalImaging.Imaging;

/// <summary>
/// The DICOM frame an image was decoded from: Study, Series and SOP Instance UID, SOP Class and the 1-based frame.
/// UIDs identify a patient's study, so this lives on <see cref="DecodedImage"/> and on the stored report, never on
/// <see cref="ImageMetadata"/> (which may reach a provider): it serves located findings and DICOM SR/FHIR export.
/// </summary>
/// <param name="StudyInstanceUid">Study Instance UID (0020,000D).</param>
/// <param name="SeriesInstanceUid">Series Instance UID (0020,000E).</param>
/// <param name="SopInstanceUid">SOP Instance UID (0008,0018).</param>
/// <param name="SopClassUid">SOP Class UID (0008,0016).</param>
/// <param name="FrameNumber">The decoded frame, 1-based (1 for single-frame objects), as DICOM's Referenced Frame Number counts.</param>
public sealed record DicomImageReference(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    int FrameNumber);
