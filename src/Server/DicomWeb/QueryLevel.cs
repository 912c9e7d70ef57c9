namespace MedicalImaging.Server.DicomWeb;

/// <summary>The level of a DICOMweb resource (and of the attributes that belong to it).</summary>
public enum QueryLevel
{
    Study,
    Series,
    Instance,
}
