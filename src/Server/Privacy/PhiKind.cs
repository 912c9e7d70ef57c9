namespace MedicalImaging.Server.Privacy;

/// <summary>What kind of protected health information a detected span is; the redacted text says it in brackets.</summary>
public enum PhiKind
{
    /// <summary>A value known for this request (DICOM header, case id, file name).</summary>
    Known,
    Name,
    Location,
    Date,
    Age,
    Phone,
    Id,
    Address,
    Email,
    Url,
    Ip,
}
