using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Export.Sr;

/// <summary>The codes of our TID 1500 document (PS3.16: DCM codes of Annex D, SNOMED CT for severity, UMLS per TID 1500).</summary>
public static class SrCodes
{
    public static readonly SrCode ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");
    public static readonly SrCode Language = new("121049", "DCM", "Language of Content Item and Descendants");
    public static readonly SrCode English = new("en-US", "RFC5646", "English (United States)");
    public static readonly SrCode ObserverType = new("121005", "DCM", "Observer Type");
    public static readonly SrCode Device = new("121007", "DCM", "Device");
    public static readonly SrCode DeviceObserverUid = new("121012", "DCM", "Device Observer UID");
    public static readonly SrCode DeviceObserverName = new("121013", "DCM", "Device Observer Name");
    public static readonly SrCode DeviceObserverManufacturer = new("121014", "DCM", "Device Observer Manufacturer");
    public static readonly SrCode DeviceObserverModelName = new("121015", "DCM", "Device Observer Model Name");
    public static readonly SrCode ProcedureReported = new("121058", "DCM", "Procedure reported");
    public static readonly SrCode ImagingProcedure = new("363679005", "SCT", "Imaging procedure");
    public static readonly SrCode ImageLibrary = new("111028", "DCM", "Image Library");
    public static readonly SrCode ImageLibraryGroup = new("126200", "DCM", "Image Library Group");
    public static readonly SrCode ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");
    public static readonly SrCode MeasurementGroup = new("125007", "DCM", "Measurement Group");
    public static readonly SrCode TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");
    public static readonly SrCode TrackingUniqueIdentifier = new("112040", "DCM", "Tracking Unique Identifier");
    public static readonly SrCode ImageRegion = new("111030", "DCM", "Image Region");
    public static readonly SrCode QualitativeEvaluations = new("C0034375", "UMLS", "Qualitative Evaluations");
    public static readonly SrCode Finding = new("121071", "DCM", "Finding");
    public static readonly SrCode FindingSite = new("363698007", "SCT", "Finding Site");
    public static readonly SrCode Severity = new("246112005", "SCT", "Severity");
    public static readonly SrCode Impression = new("121073", "DCM", "Impression");
    public static readonly SrCode Comment = new("121106", "DCM", "Comment");

    /// <summary>SNOMED CT severity values (CID 3716-style), by our severity.</summary>
    public static SrCode For(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Mild => new("255604002", "SCT", "Mild"),
        FindingSeverity.Moderate => new("6736007", "SCT", "Moderate"),
        FindingSeverity.Severe => new("24484000", "SCT", "Severe"),
        FindingSeverity.Critical => new("442452003", "SCT", "Life threatening severity"),
        _ => new("17621005", "SCT", "Normal"),
    };
}
