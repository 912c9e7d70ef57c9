namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// One stored instance as the index knows it: where its bytes are (the image store id, a SHA-256), its transfer syntax
/// and size, and the values of the <see cref="DicomWebAttributes"/> by index column (text; numbers as their digits).
/// </summary>
/// <param name="ImageId">The image store id (SHA-256 of the bytes).</param>
/// <param name="TransferSyntaxUid">The transfer syntax the instance was stored (and is returned) in.</param>
/// <param name="SizeBytes">The size of the Part 10 file.</param>
/// <param name="Values">Indexed attribute values by column.</param>
/// <param name="SlicePosition">Where a slice lies along its volume's normal (ImagePositionPatient · (row × column) of
/// ImageOrientationPatient), in mm; null when the instance has no plane. AnalyzeStudy orders a series' slices by it.</param>
public sealed record IndexedInstance(string ImageId, string TransferSyntaxUid, long SizeBytes, IReadOnlyDictionary<string, string?> Values, double? SlicePosition = null)
{
    public string StudyInstanceUid => Values[DicomWebAttributes.StudyInstanceUid.Column]!;

    public string SeriesInstanceUid => Values[DicomWebAttributes.SeriesInstanceUid.Column]!;

    public string SopInstanceUid => Values[DicomWebAttributes.SopInstanceUid.Column]!;

    public string? SopClassUid => Values.GetValueOrDefault(DicomWebAttributes.SopClassUid.Column);

    /// <summary>Frames in the instance (1 when it says nothing).</summary>
    public int Frames => int.TryParse(Values.GetValueOrDefault(DicomWebAttributes.NumberOfFrames.Column), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
}
