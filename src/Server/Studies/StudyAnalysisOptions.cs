using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Studies;

/// <summary>Limits of AnalyzeStudy, bound from the environment.</summary>
public sealed class StudyAnalysisOptions
{
    /// <summary>
    /// Most slices/frames one study analysis runs the pipeline on (1–100; also capped by MAX_IMAGES_PER_REQUEST, since a
    /// study analysis is one analysis of that many images). Default 8. A bigger study is sampled: see StudyFramePlanner.
    /// </summary>
    [ConfigurationKeyName("STUDY_MAX_FRAMES")]
    public int MaxFrames { get; set; } = 8;
}
