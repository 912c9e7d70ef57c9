namespace MedicalImaging.Imaging.Analysis;

/// <summary>What one analysis collects while its measurement steps run.</summary>
internal sealed class AnalysisContext
{
    public Dictionary<string, double> Measurements { get; } = new(StringComparer.Ordinal);

    public List<string> QualityFlags { get; } = [];

    public List<ImageFinding> Findings { get; } = [];

    public void Measure(string name, double value, int decimals = 4) =>
        Measurements[name] = double.IsFinite(value) ? Math.Round(value, decimals) : 0;

    public void Flag(string flag)
    {
        if (!QualityFlags.Contains(flag))
        {
            QualityFlags.Add(flag);
        }
    }
}
