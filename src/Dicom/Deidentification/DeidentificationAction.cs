namespace MedicalImaging.Dicom;

/// <summary>PS3.15 Table E.1-1 action codes, as this library carries them out.</summary>
public enum DeidentificationAction
{
    /// <summary>K: keep (a kept sequence still has the profile applied to its items).</summary>
    Keep,
    /// <summary>X: remove.</summary>
    Remove,
    /// <summary>Z: replace with a zero-length value (a sequence with no items).</summary>
    Empty,
    /// <summary>D: replace with a non-zero-length dummy value of the VR (a sequence with no items).</summary>
    Dummy,
    /// <summary>U: replace the UID with a consistent new one (for X/Z/U* sequences: every UID inside).</summary>
    RemapUid,
    /// <summary>C: clean (an option's action): dates shifted, descriptors kept only when free of identifiers.</summary>
    Clean,
}
