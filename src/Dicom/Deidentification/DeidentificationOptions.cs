namespace MedicalImaging.Dicom;

/// <summary>Options for <see cref="DicomDeidentifier"/>: the key and the PS3.15 options carried out.</summary>
public sealed record DeidentificationOptions
{
    /// <summary>
    /// Secret from which UID remapping, the date offset and the Patient ID pseudonym are derived (HMAC-SHA256 with
    /// a different label for each). The same key maps the same UID to the same new UID across files and runs, so a
    /// de-identified series stays a series; whoever holds the key can re-link, so it is never a public constant
    /// (<see cref="DeidentificationKey"/> makes or reads one). At least 16 bytes. Required.
    /// </summary>
    public required byte[] Key { get; init; }

    /// <summary>
    /// Retain Longitudinal Temporal Information with Modified Dates Option: dates and times (DA, TM, DT) are shifted
    /// by a per-patient offset derived from the key (<see cref="DateShifter"/>), so a patient's intervals survive.
    /// Default false (dates and times are emptied, removed or dummied per the Basic Profile).
    /// </summary>
    public bool RetainLongitudinalModifiedDates { get; init; }

    /// <summary>
    /// Clean Descriptors Option: a description or comment is kept verbatim only when every word in it is in the
    /// shipped radiology vocabulary (or a short number) and none is an identifier of the file; otherwise it gets
    /// the Basic Profile action (removed, emptied or dummied). Default false.
    /// </summary>
    public bool CleanDescriptors { get; init; }

    /// <summary>Retain Patient Characteristics Option: sex, age, size, weight, smoking, pregnancy kept. Default false.</summary>
    public bool RetainPatientCharacteristics { get; init; }

    /// <summary>Retain Device Identity Option: device serial numbers, station names, detector IDs kept. Default false.</summary>
    public bool RetainDeviceIdentity { get; init; }

    /// <summary>Retain Institution Identity Option: institution name, address, department kept. Default false.</summary>
    public bool RetainInstitutionIdentity { get; init; }

    /// <summary>
    /// The caller has checked the pixels for burned-in text (and removed any). Without it Patient Identity Removed
    /// is YES only for an image flagged Burned In Annotation = NO whose modality is not one that often carries
    /// text (US, SC, XA, ES, OT). Default false.
    /// </summary>
    public bool BurnedInTextChecked { get; init; }
}
