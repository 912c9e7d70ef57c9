namespace MedicalImaging.Imaging;

/// <summary>How much a finding matters clinically.</summary>
public enum FindingSeverity
{
    /// <summary>Not stated.</summary>
    Unspecified = 0,
    /// <summary>Normal / no abnormality.</summary>
    Normal = 1,
    /// <summary>Minor, likely incidental.</summary>
    Mild = 2,
    /// <summary>Worth follow-up.</summary>
    Moderate = 3,
    /// <summary>Needs prompt attention.</summary>
    Severe = 4,
    /// <summary>Needs immediate attention.</summary>
    Critical = 5,
}
