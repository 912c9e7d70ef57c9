namespace MedicalImaging.Server.Pipeline;

/// <summary>Version of the analysis pipeline; part of the cache key and the provenance.</summary>
public static class PipelineInfo
{
    public const string Version = "2026.11-1";
}
