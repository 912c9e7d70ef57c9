namespace MedicalImaging.Dicom;

/// <summary>What the 7-bit bytes mean under ISO 2022.</summary>
internal enum G0Set
{
    /// <summary>ASCII (ISO-IR 6) or JIS X 0201 Romaji (ISO-IR 14): read as ASCII.</summary>
    Ascii,
    /// <summary>JIS X 0208 (ISO-IR 87): two 7-bit bytes per character.</summary>
    JisX0208,
    /// <summary>JIS X 0212 (ISO-IR 159): two 7-bit bytes per character.</summary>
    JisX0212,
}
