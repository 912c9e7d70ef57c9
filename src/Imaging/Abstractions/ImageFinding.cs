namespace MedicalImaging.Imaging;

/// <summary>An observation derived from measurements (never an invented diagnosis).</summary>
public sealed record ImageFinding
{
    /// <summary>Plain, honest wording, e.g. "Left/right lung-field intensity asymmetry of 18%".</summary>
    public required string Description { get; init; }

    /// <summary>Anatomical location, e.g. "left lung field"; "whole image" when not localised.</summary>
    public required string Anatomy { get; init; }

    /// <summary>Severity.</summary>
    public required FindingSeverity Severity { get; init; }

    /// <summary>0..1.</summary>
    public required double Confidence { get; init; }

    /// <summary>Where, when localised.</summary>
    public NormalizedBox? Region { get; init; }
}
