namespace MedicalImaging.Server.Domain;

/// <summary>A literature reference taken from a search response (never written by a model).</summary>
public sealed record LiteratureCitation(
    string Pmid,
    string Title,
    IReadOnlyList<string> Authors,
    string Journal,
    int Year,
    string? Doi,
    string Url);
