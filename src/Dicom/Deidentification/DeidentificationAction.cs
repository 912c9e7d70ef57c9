namespace MedicalImaging.Dicom;

/// <summary>PS3.15 Table E.1-1 action codes used by the basic profile.</summary>
public enum DeidentificationAction
{
    /// <summary>K: keep.</summary>
    Keep,
    /// <summary>X: remove.</summary>
    Remove,
    /// <summary>Z: replace with a zero-length value.</summary>
    Empty,
    /// <summary>D: replace with a dummy value.</summary>
    Dummy,
    /// <summary>U: replace the UID with a consistent new one.</summary>
    RemapUid,
}
