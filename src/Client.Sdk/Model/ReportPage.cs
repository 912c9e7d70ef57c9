namespace MedicalImaging.Client;

/// <summary>A page of reports, newest first.</summary>
/// <param name="Reports">The reports.</param>
/// <param name="NextPageToken">Token of the next page, or null on the last.</param>
public sealed record ReportPage(IReadOnlyList<ReportSummary> Reports, string? NextPageToken);
