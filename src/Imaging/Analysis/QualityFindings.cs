using MedicalImaging.Imaging.Common;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>Turns quality flags into findings that say what limits the reading, not what is wrong with the patient.</summary>
internal static class QualityFindings
{
    public static void Add(AnalysisContext context)
    {
        foreach (var flag in context.QualityFlags)
        {
            var text = flag switch
            {
                "noise" => $"Image quality: high noise (estimated σ ≈ {Invariant.F(context.Measurements.GetValueOrDefault("noise_sigma"))} grey levels) may hide subtle findings",
                "low_contrast" => $"Image quality: low contrast (2–98 percentile spread {Invariant.F(context.Measurements.GetValueOrDefault("contrast_spread"), 0)} of 255 grey levels)",
                "clipping" => $"Image quality: {Invariant.F(context.Measurements.GetValueOrDefault("clipped_fraction") * 100)}% of samples saturated at the maximum value (detail lost there)",
                "motion_blur" => $"Image quality: direction-dependent blur (gradient anisotropy {Invariant.F(context.Measurements.GetValueOrDefault("gradient_anisotropy"))}), possibly motion",
                _ => $"Image quality: {flag}",
            };
            context.Findings.Add(new ImageFinding
            {
                Description = text,
                Anatomy = "whole image",
                Severity = FindingSeverity.Mild,
                Confidence = 0.6,
            });
        }
    }
}
