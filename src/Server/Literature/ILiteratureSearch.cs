using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Literature;

/// <summary>Searches the literature; citations come from the search response, never from a model.</summary>
public interface ILiteratureSearch
{
    /// <summary>Citations for <paramref name="query"/>; the query passes the egress guard with the request's <paramref name="known"/> identifiers.</summary>
    Task<IReadOnlyList<LiteratureCitation>> SearchAsync(string query, IdentifierSet known, int maxResults, CancellationToken cancellationToken);
}
