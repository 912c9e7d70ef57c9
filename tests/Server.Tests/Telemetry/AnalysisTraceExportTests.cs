using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Providers;
using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace MedicalImaging.Server.Tests.Telemetry;

/// <summary>
/// The whole trace of an analysis as an OTLP collector receives it, and what it must not carry: telemetry leaves the
/// process too, so a collector is one more place patient data could reach.
/// </summary>
public sealed class AnalysisTraceExportTests
{
    private const string PatientName = "Wilhelmina Zabrowski";
    private const string RecordNumber = "MRN-7730215";

    [Fact]
    public async Task Analysis_WithProviderAndLiterature_ExportsAnalysisStageAndProviderAttemptSpans_WithoutThePatientsNameOrFileName()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var harness = await ChainHarness.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "medimaging-trace-test",
            ["AI_PROVIDER_ORDER"] = "gemini,local",
        }, literature: true);
        var request = Calls.Request(TestImages.ChestPhantomPng(128));
        request.Images[0].Filename = $"Zabrowski_{RecordNumber}.png";
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        request.CaseId = "trace-case-1";
        request.ClinicalContext = new ClinicalContext { Indication = $"{PatientName} ({RecordNumber}), cough for three weeks" };

        var result = await harness.AnalyzeAsync(request);

        Assert.Equal("gemini", result.Report.Provenance.Provider);
        Assert.True(harness.Server.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000));
        var traces = string.Join('\n', collector.Bodies("/v1/traces"));
        Assert.Contains("medimaging.v1.ImagingService/Analyze", traces, StringComparison.Ordinal);
        Assert.Contains("analysis", traces, StringComparison.Ordinal);
        Assert.Contains(result.Report.AnalysisId, traces, StringComparison.Ordinal);
        foreach (var stage in new[] { "decode", "preprocess", "vision", "literature", "report", "embed", "store" })
        {
            Assert.Contains("stage " + stage, traces, StringComparison.Ordinal);
        }

        Assert.Contains("provider.attempt", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("Zabrowski", traces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Wilhelmina", traces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("7730215", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("cough", traces, StringComparison.OrdinalIgnoreCase);
    }
}
