using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Literature;

/// <summary>Searches the literature; citations come from the search response, never from a model.</summary>
public interface ILiteratureSearch
{
    Task<IReadOnlyList<LiteratureCitation>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken);
}
