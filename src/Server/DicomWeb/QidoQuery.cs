namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// A parsed QIDO-RS search: the level searched, the scope fixed by the path (a study, a series), the matching keys,
/// paging, and the attributes to return.
/// </summary>
public sealed record QidoQuery
{
    public required QueryLevel Level { get; init; }

    public string? StudyInstanceUid { get; init; }

    public string? SeriesInstanceUid { get; init; }

    public IReadOnlyList<QidoMatch> Matches { get; init; } = [];

    public int Limit { get; init; }

    public int Offset { get; init; }

    public IReadOnlyList<DicomWebAttribute> ReturnAttributes { get; init; } = [];
}
