namespace MedicalImaging.Dicom;

/// <summary>PS3.15 action D: a non-zero-length value valid for the VR that says nothing about anyone.</summary>
internal static class DummyValues
{
    /// <summary>The text written for text VRs (fits SH/CS/AE's 16 characters; CS-legal).</summary>
    public const string Text = "ANONYMIZED";

    /// <summary>The dummy for a text VR, or null for a binary VR (see <see cref="Binary"/>).</summary>
    public static string? TextFor(DicomVR vr) => vr switch
    {
        DicomVR.DA => "19000101",
        DicomVR.DT => "19000101000000",
        DicomVR.TM => "000000",
        DicomVR.DS or DicomVR.IS => "0",
        DicomVR.AS => "000Y",
        DicomVR.UR => "urn:anonymized",
        DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC
            or DicomVR.UT => Text,
        _ => null,
    };

    /// <summary>Zeros: one value of a binary VR (two bytes for OB/UN, which have no unit).</summary>
    public static byte[] Binary(DicomVR vr) => new byte[Math.Max(2, DicomVRInfo.SwapUnit(vr))];
}
