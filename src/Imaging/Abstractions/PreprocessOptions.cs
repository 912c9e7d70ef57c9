namespace MedicalImaging.Imaging;

/// <summary>Options for <see cref="IImagePreprocessor.Preprocess"/>.</summary>
public sealed record PreprocessOptions
{
    /// <summary>Longest side of the provider image in pixels; aspect ratio is kept. Default 1024.</summary>
    public int MaxDimension { get; init; } = 1024;

    /// <summary>CT window preset name to force (lung, mediastinum, bone, brain, abdomen); null chooses by body part.</summary>
    public string? WindowPreset { get; init; }
}
