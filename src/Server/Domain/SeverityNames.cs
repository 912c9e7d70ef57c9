using MedicalImaging.Imaging;

namespace MedicalImaging.Server.Domain;

/// <summary>The lowercase severity words models answer with (normal, mild, moderate, severe, critical).</summary>
public static class SeverityNames
{
    /// <summary>The severity named, or null for any other word.</summary>
    public static FindingSeverity? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "normal" => FindingSeverity.Normal,
        "mild" => FindingSeverity.Mild,
        "moderate" => FindingSeverity.Moderate,
        "severe" => FindingSeverity.Severe,
        "critical" => FindingSeverity.Critical,
        _ => null,
    };
}
