namespace MedicalImaging.Server.Export;

/// <summary>The interchange formats a report exports to.</summary>
public enum ReportExportFormat
{
    /// <summary>DICOM Comprehensive SR, TID 1500 (application/dicom).</summary>
    Sr,

    /// <summary>FHIR R4 Bundle (application/fhir+json).</summary>
    Fhir,

    /// <summary>Our own report message as JSON (application/json).</summary>
    Json,
}
