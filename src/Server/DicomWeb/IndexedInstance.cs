namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// One stored instance as the index knows it: where its bytes are (the image store id, a SHA-256), its transfer syntax
/// and size, and the values of the <see cref="DicomWebAttributes"/> by index column (text; numbers as their digits).
/// </summary>
public sealed record IndexedInstance(string ImageId, string TransferSyntaxUid, long SizeBytes, IReadOnlyDictionary<string, string?> Values)
{
    public string StudyInstanceUid => Values[DicomWebAttributes.StudyInstanceUid.Column]!;

    public string SeriesInstanceUid => Values[DicomWebAttributes.SeriesInstanceUid.Column]!;

    public string SopInstanceUid => Values[DicomWebAttributes.SopInstanceUid.Column]!;

    public string? SopClassUid => Values.GetValueOrDefault(DicomWebAttributes.SopClassUid.Column);
}
