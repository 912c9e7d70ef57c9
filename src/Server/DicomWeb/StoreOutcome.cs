namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// What became of one part of a STOW-RS request: stored (FailureReason null) or not, with the UIDs read from it (empty
/// when it could not be parsed) and, on failure, a sentence saying why (sent as Error Comment).
/// </summary>
public sealed record StoreOutcome(string SopClassUid, string SopInstanceUid, string? StudyInstanceUid, string? SeriesInstanceUid, ushort? FailureReason, string? Comment)
{
    public bool Stored => FailureReason is null;

    public static StoreOutcome Failed(ushort reason, string comment, string sopClassUid = "", string sopInstanceUid = "") =>
        new(sopClassUid, sopInstanceUid, null, null, reason, comment);
}
