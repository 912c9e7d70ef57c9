namespace MedicalImaging.Server.Storage;

/// <summary>What to list: the owner's reports, optionally by case or modality, after a cursor.</summary>
public sealed record ReportListQuery(string OwnerId, int PageSize, ReportCursor? After, string? CaseId, string? Modality);
