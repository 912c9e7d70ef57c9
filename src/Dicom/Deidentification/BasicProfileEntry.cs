namespace MedicalImaging.Dicom;

/// <summary>
/// One row of PS3.15 Table E.1-1: the attribute, its Basic Profile action code (D, Z, X, K, C, U or a combined
/// code such as X/Z/D) and, per option column, 'K' (keep) or 'C' (clean) where the option changes the action.
/// </summary>
/// <param name="Tag">Group and element; for a repeating group the bits under <paramref name="Mask"/>.</param>
/// <param name="Mask">0xFFFFFFFF for one tag; 0xFF000000 for (50xx,xxxx), 0xFF00FFFF for (60xx,eeee).</param>
/// <param name="VR">The dictionary VR as the standard lists it (informative; the file's own VR is used).</param>
/// <param name="Code">The Basic Profile column, verbatim.</param>
/// <param name="Name">The attribute's name in the table.</param>
internal sealed record BasicProfileEntry(uint Tag, uint Mask, string VR, string Code, string Name)
{
    /// <summary>Retain Safe Private Option column.</summary>
    public char? RetainSafePrivate { get; init; }

    /// <summary>Retain UIDs Option column.</summary>
    public char? RetainUids { get; init; }

    /// <summary>Retain Device Identity Option column.</summary>
    public char? RetainDeviceIdentity { get; init; }

    /// <summary>Retain Institution Identity Option column.</summary>
    public char? RetainInstitutionIdentity { get; init; }

    /// <summary>Retain Patient Characteristics Option column.</summary>
    public char? RetainPatientCharacteristics { get; init; }

    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option column.</summary>
    public char? RetainLongitudinalFullDates { get; init; }

    /// <summary>Retain Longitudinal Temporal Information with Modified Dates Option column.</summary>
    public char? RetainLongitudinalModifiedDates { get; init; }

    /// <summary>Clean Descriptors Option column.</summary>
    public char? CleanDescriptors { get; init; }

    /// <summary>Clean Structured Content Option column.</summary>
    public char? CleanStructuredContent { get; init; }

    /// <summary>Clean Graphics Option column.</summary>
    public char? CleanGraphics { get; init; }

    /// <summary>True when <paramref name="tag"/> is this row's attribute.</summary>
    public bool Matches(uint tag) => (tag & Mask) == Tag && (Mask == 0xFFFFFFFF || ((tag >> 16) & 1) == 0);
}
