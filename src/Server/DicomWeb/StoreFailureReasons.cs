namespace MedicalImaging.Server.DicomWeb;

/// <summary>Failure Reason (0008,1197) codes of PS3.18 Table 10.5.3-2 / PS3.4 C-STORE statuses this server uses.</summary>
public static class StoreFailureReasons
{
    /// <summary>0x0110 Processing failure: the store itself failed.</summary>
    public const ushort ProcessingFailure = 0x0110;

    /// <summary>
    /// 0x0111 Duplicate SOP Instance: the user already stored different bytes under this SOP Instance UID; the stored
    /// instance is kept. (The same bytes again are a success: a retried request must not fail.)
    /// </summary>
    public const ushort DuplicateSopInstance = 0x0111;

    /// <summary>0xA700 Refused, out of resources: the part is above MAX_IMAGE_SIZE_MB, the request carries too many, or the quota is spent.</summary>
    public const ushort OutOfResources = 0xA700;

    /// <summary>0xA900 Data set does not match SOP class: a UID it must have is missing, or its study is not the one in the URL.</summary>
    public const ushort DataSetDoesNotMatch = 0xA900;

    /// <summary>0xC000 Cannot understand: not a DICOM Part 10 object our reader can parse, or not application/dicom.</summary>
    public const ushort CannotUnderstand = 0xC000;
}
