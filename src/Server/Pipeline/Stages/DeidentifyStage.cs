using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Security;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>
/// Builds the de-identified view providers may see: decoders already keep only non-identifying
/// technical metadata; here free text of the clinical context is scrubbed of identifier-like text.
/// </summary>
public sealed class DeidentifyStage : IAnalysisStage
{
    public PipelineStage Stage => PipelineStage.Deidentify;

    public int DonePercent => 20;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var context = state.Request.ClinicalContext;
        state.DeidentifiedContext = context is null ? null : new ClinicalContextInfo(
            context.AgeYears,
            context.Sex,
            PhiScrubber.Scrub(context.Indication),
            PhiScrubber.Scrub(context.ClinicalQuestion),
            context.Symptoms.Select(s => PhiScrubber.Scrub(s) ?? string.Empty).ToList());
        var redactions = CountRedactions(state.DeidentifiedContext);
        await progress.ReportAsync(Stage, DonePercent,
            redactions == 0 ? "De-identified view ready" : $"De-identified view ready ({redactions} identifier-like span(s) redacted from the clinical context)",
            cancellationToken);
    }

    private static int CountRedactions(ClinicalContextInfo? context)
    {
        if (context is null)
        {
            return 0;
        }

        var text = string.Join('\n', [context.Indication, context.ClinicalQuestion, .. context.Symptoms]);
        var count = 0;
        for (var at = text.IndexOf(PhiScrubber.Redacted, StringComparison.Ordinal); at >= 0; at = text.IndexOf(PhiScrubber.Redacted, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
