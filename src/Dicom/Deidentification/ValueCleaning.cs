namespace MedicalImaging.Dicom;

/// <summary>How a C (clean) action is carried out.</summary>
internal enum ValueCleaning
{
    /// <summary>Not a clean action.</summary>
    None,
    /// <summary>Modified Dates: DA/TM/DT shifted by the patient's offset.</summary>
    ShiftDates,
    /// <summary>Clean Descriptors rule: kept verbatim only when every word passes.</summary>
    Text,
}
