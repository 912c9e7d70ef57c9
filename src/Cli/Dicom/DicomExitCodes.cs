namespace MedicalImaging.Cli.Dicom;

/// <summary>Exit codes of the DICOM commands.</summary>
public static class DicomExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad usage (e.g. a frame number the file does not have).</summary>
    public const int Usage = 1;

    /// <summary>The input file is missing, not DICOM, malformed, or uses a syntax no codec here decodes.</summary>
    public const int BadInput = 2;
}
