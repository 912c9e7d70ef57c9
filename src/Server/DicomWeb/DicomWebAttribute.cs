namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// An attribute the index keeps (and so QIDO-RS can match on and return): its keyword, tag (8 hex digits as in DICOM
/// JSON), VR, the level it belongs to, and its index column. Computed attributes (ModalitiesInStudy, the counts) have a
/// SQL expression instead of a plain column.
/// </summary>
public sealed record DicomWebAttribute(string Keyword, string Tag, string VR, QueryLevel Level, string Column, bool Matchable = true)
{
    /// <summary>Whether the value is a number in DICOM JSON (IS, US; DS is not kept here).</summary>
    public bool IsNumber => VR is "IS" or "US" or "UL";
}
