using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using System.Diagnostics;

namespace MedicalImaging.Server.Providers.Local;

/// <summary>
/// The `local` provider: no key, no network. Its findings are the quantitative analysis's own and a
/// strong focal hotspot of the anomaly heatmap, worded as measurements, never as diagnoses.
/// </summary>
public sealed class LocalVisionAnalyzer : IVisionAnalyzer
{
    public const string ProviderName = "local";
    public const string ModelName = "quantitative-v1";

    public Task<VisionResult> AnalyzeAsync(VisionRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var findings = new List<ReportFinding>();
        ArgumentNullException.ThrowIfNull(request);
        foreach (var image in request.Images)
        {
            var focal = image.Heatmap is null ? null : FocalDeviationFinding.From(image.Heatmap, "f0", image.Index, ProviderName);
            foreach (var finding in image.Analysis?.Findings ?? [])
            {
                if (focal is not null && finding.Severity == FindingSeverity.Normal && finding.Anatomy == "whole image")
                {
                    continue; // "nothing outside the measured ranges" no longer sums the image up
                }

                findings.Add(new ReportFinding(
                    $"f{findings.Count + 1}", finding.Description, finding.Anatomy, finding.Severity,
                    finding.Confidence, image.Index, finding.Region, ProviderName));
            }

            if (focal is not null)
            {
                findings.Add(focal with { Id = $"f{findings.Count + 1}" });
            }
        }

        var attempt = new ProviderAttemptRecord(ProviderName, ModelName, "success", Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 0, null);
        return Task.FromResult(new VisionResult(ProviderName, ModelName, Degraded: false, findings, [attempt]));
    }
}
