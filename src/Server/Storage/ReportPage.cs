using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Storage;

/// <summary>A page of reports and the cursor of the next page (null on the last).</summary>
public sealed record ReportPage(IReadOnlyList<ReportSummaryInfo> Reports, ReportCursor? Next);
