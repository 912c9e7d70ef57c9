namespace MedicalImaging.Client;

/// <summary>A PubMed reference.</summary>
/// <param name="Pmid">PubMed id.</param>
/// <param name="Title">Title.</param>
/// <param name="Authors">Authors.</param>
/// <param name="Journal">Journal.</param>
/// <param name="Year">Year.</param>
/// <param name="Doi">DOI, if known.</param>
/// <param name="Url">Link.</param>
public sealed record Citation(string Pmid, string Title, IReadOnlyList<string> Authors, string Journal, int Year, string? Doi, string Url);
