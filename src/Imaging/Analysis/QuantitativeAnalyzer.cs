using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// The `local` provider's eyes: intensity statistics (modality units and display grey), image-quality
/// flags, CT tissue fractions by HU range with their largest connected regions, chest left/right
/// asymmetry, PET SUV. Findings are worded as measurements with a confidence, never as diagnoses.
/// Stateless and thread-safe.
/// </summary>
public sealed class QuantitativeAnalyzer : IQuantitativeAnalyzer
{
    /// <inheritdoc />
    public QuantitativeAnalysis Analyze(DecodedImage image, PreprocessedImage preprocessed)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(preprocessed);
        var context = new AnalysisContext();
        using var modality = PixelMats.Wrap(image);
        using var luminance = image.Channels == 1 ? modality : PixelMats.Luminance(modality);
        using var grey8 = PixelMats.WrapGrey8(preprocessed.Grey8, preprocessed.Width, preprocessed.Height);
        using var view = AnalysisView.For(luminance, image, grey8);

        IntensityStatistics.Measure(luminance, view, context);
        QualityAssessment.Assess(modality, image, view, context);
        if (image.Metadata.IsHounsfield && image.Channels == 1)
        {
            CtTissueAnalysis.Measure(modality, image, context);
        }
        else if (BodyParts.IsChest(image.Metadata))
        {
            ChestRadiographAsymmetry.Measure(view, context);
        }

        if (image.Metadata.Modality is "PT" or "PET")
        {
            PetUptake.Measure(luminance, image.Metadata, context);
        }

        QualityFindings.Add(context);
        if (context.Findings.Count == 0)
        {
            context.Findings.Add(new ImageFinding
            {
                Description = "No measurement outside the ranges this local analysis checks; this does not exclude abnormality",
                Anatomy = "whole image",
                Severity = FindingSeverity.Normal,
                Confidence = 0.5,
            });
        }

        return new QuantitativeAnalysis
        {
            Measurements = context.Measurements,
            QualityFlags = context.QualityFlags,
            Findings = context.Findings,
        };
    }
}
