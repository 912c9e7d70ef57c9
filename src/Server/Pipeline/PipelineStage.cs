namespace MedicalImaging.Server.Pipeline;

/// <summary>Stages of the analysis pipeline, in order.</summary>
public enum PipelineStage
{
    Validate = 1,
    Decode = 2,
    Deidentify = 3,
    Preprocess = 4,
    Quantitative = 5,
    Vision = 6,
    Literature = 7,
    Report = 8,
    Embed = 9,
    Store = 10,
    Complete = 11,
}
