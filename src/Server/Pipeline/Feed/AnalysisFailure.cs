namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>How an analysis ended badly: the exception watchers re-throw (mapped to a status by the API).</summary>
public sealed record AnalysisFailure(Exception Error);
