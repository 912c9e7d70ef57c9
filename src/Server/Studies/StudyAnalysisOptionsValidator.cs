using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Studies;

/// <summary>Refuses to start with a STUDY_MAX_FRAMES outside 1–100, naming the variable.</summary>
public sealed class StudyAnalysisOptionsValidator : IValidateOptions<StudyAnalysisOptions>
{
    public ValidateOptionsResult Validate(string? name, StudyAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxFrames is >= 1 and <= 100
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"STUDY_MAX_FRAMES={options.MaxFrames} must be 1..100.");
    }
}
