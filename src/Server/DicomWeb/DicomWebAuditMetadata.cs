namespace MedicalImaging.Server.DicomWeb;

/// <summary>Endpoint metadata naming the audited DICOMweb operation (a key of AuditedOperations), read by the audit filter and middleware.</summary>
public sealed record DicomWebAuditMetadata(string Operation);
