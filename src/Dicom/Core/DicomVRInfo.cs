namespace MedicalImaging.Dicom;

/// <summary>Facts about value representations.</summary>
public static class DicomVRInfo
{
    /// <summary>True for the VRs defined by PS3.5 (an unknown pair of letters is a bad VR).</summary>
    public static bool IsKnown(DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.AT or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT
            or DicomVR.FD or DicomVR.FL or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.OB or DicomVR.OD
            or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.PN or DicomVR.SH or DicomVR.SL
            or DicomVR.SQ or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.TM or DicomVR.UC or DicomVR.UI
            or DicomVR.UL or DicomVR.UN or DicomVR.UR or DicomVR.US or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>Explicit VR encodings of these VRs have 2 reserved bytes and a 4-byte length.</summary>
    public static bool HasLongLength(DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.SQ or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR
        or DicomVR.UT or DicomVR.UV;

    /// <summary>Text VRs affected by Specific Character Set.</summary>
    public static bool IsCharacterSetText(DicomVR vr) => vr is DicomVR.LO or DicomVR.LT or DicomVR.PN
        or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT;

    /// <summary>Bytes per value for binary VRs that are byte-swapped in big endian (0 for text, bytes and SQ).</summary>
    public static int SwapUnit(DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.AT => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 0,
    };

    /// <summary>Reads the two VR characters.</summary>
    public static DicomVR FromBytes(byte first, byte second) => (DicomVR)((first << 8) | second);

    /// <summary>The two characters, e.g. "OB".</summary>
    public static string Name(DicomVR vr) => vr == DicomVR.None
        ? "--"
        : new string([(char)((ushort)vr >> 8), (char)((ushort)vr & 0xFF)]);
}
