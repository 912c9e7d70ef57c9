using System.Diagnostics;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Providers.Local;

/// <summary>
/// The `local` provider: no key, no network. Its findings are the quantitative analysis's own,
/// worded as measurements, never as diagnoses.
/// </summary>
public sealed class LocalVisionAnalyzer : IVisionAnalyzer
{
    public const string ProviderName = "local";
    public const string ModelName = "quantitative-v1";

    public Task<VisionResult> AnalyzeAsync(AnalysisState state, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var findings = new List<ReportFinding>();
        foreach (var image in state.Images)
        {
            foreach (var finding in image.Analysis?.Findings ?? [])
            {
                findings.Add(new ReportFinding(
                    $"f{findings.Count + 1}", finding.Description, finding.Anatomy, finding.Severity,
                    finding.Confidence, image.Source.Index, finding.Region, ProviderName));
            }
        }

        var attempt = new ProviderAttemptRecord(ProviderName, ModelName, "success", Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 0, null);
        return Task.FromResult(new VisionResult(ProviderName, ModelName, Degraded: false, findings, [attempt]));
    }
}
