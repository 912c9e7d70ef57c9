using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>
/// Builds the de-identified view providers may see: the request's known identifiers (every DICOM header's
/// identifying values harvested at decode, the case id, the file names) and the clinical context with those
/// identifiers and any other PHI the free-text detector finds redacted by the egress guard.
/// </summary>
public sealed class DeidentifyStage : IAnalysisStage
{
    private readonly EgressGuard _guard;

    public DeidentifyStage(EgressGuard guard) => _guard = guard;

    public PipelineStage Stage => PipelineStage.Deidentify;

    public int DonePercent => 20;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        state.Identifiers = KnownIdentifiers(state);
        var context = state.Request.ClinicalContext;
        state.DeidentifiedContext = context is null ? null : new ClinicalContextInfo(
            context.AgeYears is > 89 ? 90 : context.AgeYears,
            context.Sex,
            _guard.RedactOrNull(context.Indication, state.Identifiers),
            _guard.RedactOrNull(context.ClinicalQuestion, state.Identifiers),
            context.Symptoms.Select(s => _guard.Redact(s, state.Identifiers)).ToList());
        var redactions = CountRedactions(context, state.DeidentifiedContext);
        await progress.ReportAsync(Stage, DonePercent,
            redactions == 0 ? "De-identified view ready" : $"De-identified view ready ({redactions} clinical context field(s) had identifying text redacted)",
            cancellationToken);
    }

    /// <summary>The identifiers known for the request.</summary>
    public static IdentifierSet KnownIdentifiers(AnalysisState state)
    {
        var known = new IdentifierSet();
        known.Add(state.Request.CaseId);
        foreach (var image in state.Images)
        {
            known.AddFileName(image.Source.Filename);
            known.AddRange(image.Decoded?.Identifiers ?? []);
        }

        return known;
    }

    private static int CountRedactions(ClinicalContextInfo? raw, ClinicalContextInfo? redacted)
    {
        if (raw is null || redacted is null)
        {
            return 0;
        }

        var count = (raw.Indication != redacted.Indication ? 1 : 0) + (raw.ClinicalQuestion != redacted.ClinicalQuestion ? 1 : 0);
        return count + raw.Symptoms.Zip(redacted.Symptoms).Count(p => p.First != p.Second);
    }
}
