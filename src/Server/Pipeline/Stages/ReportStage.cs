using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;
using MedicalImaging.Server.Reports.Writing;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>
/// Writes the structured report: the template always (images, provenance, safe wording); when an AI
/// provider made the findings, that provider writes the narrative sections. A quality review scores
/// the result against the findings and literature; below QUALITY_REVIEW_THRESHOLD the narrative is
/// regenerated once with the review's feedback.
/// </summary>
public sealed class ReportStage : IAnalysisStage
{
    private readonly IReportWriter _template;
    private readonly AiReportWriter _ai;
    private readonly ProviderOptions _options;
    private readonly TimeProvider _time;

    public ReportStage(IReportWriter template, AiReportWriter ai, IOptions<ProviderOptions> options, TimeProvider time)
    {
        _template = template;
        _ai = ai;
        _options = options.Value;
        _time = time;
    }

    public PipelineStage Stage => PipelineStage.Report;

    public int DonePercent => 80;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var input = Input(state);
        var report = _template.Write(input, _time.GetUtcNow());
        var searched = state.Citations.Select(c => c.Pmid).ToHashSet(StringComparer.Ordinal);
        QualityReview review;
        var regenerated = false;
        if (input.Vision.IsLocal)
        {
            review = QualityReviewer.Review(report.Findings, report.Impression, report.KeyFindings, report.OverallSeverity, [], searched);
        }
        else
        {
            await progress.ReportAsync(Stage, 77, $"{input.Vision.Provider} is writing the report", cancellationToken, provider: input.Vision.Provider);
            var attempts = new List<ProviderAttemptRecord>();
            var draftInput = ReportDraftInput.From(input);
            var draft = await _ai.WriteAsync(draftInput, null, attempts, cancellationToken);
            review = draft is null ? new QualityReview(0, ["The report-writing call failed."]) : Review(draft, report, searched);
            if (draft is not null && review.Score < _options.QualityReviewThreshold)
            {
                await progress.ReportAsync(Stage, 78, $"Quality score {review.Score:0.00} below {_options.QualityReviewThreshold:0.00}: regenerating once", cancellationToken, provider: input.Vision.Provider);
                var second = await _ai.WriteAsync(draftInput, review.Feedback, attempts, cancellationToken);
                if (second is not null)
                {
                    regenerated = true;
                    var secondReview = Review(second, report, searched);
                    if (secondReview.Score >= review.Score)
                    {
                        (draft, review) = (second, secondReview);
                    }
                }
            }

            var hashes = new Dictionary<string, string>(report.Provenance.PromptHashes) { [AiReportWriter.Prompt.Name] = AiReportWriter.Prompt.Sha256 };
            report = draft is null
                ? report with
                {
                    Limitations = [.. report.Limitations, "The narrative sections come from the template: the report-writing call to the AI provider failed."],
                }
                : Apply(report, draft, state.Citations);
            review = QualityReviewer.Review(report.Findings, report.Impression, report.KeyFindings, report.OverallSeverity,
                draft?.CitedPmids ?? [], searched);
            report = report with
            {
                Provenance = report.Provenance with { Attempts = [.. report.Provenance.Attempts, .. attempts], PromptHashes = hashes },
            };
        }

        report = report with { Provenance = report.Provenance with { QualityScore = review.Score, QualityFeedback = review.Feedback, Regenerated = regenerated } };
        report = ReferenceHygiene.Apply(report, state.Citations);
        state.Report = report with { ReportText = ReportTextFormatter.Format(report) };
        await progress.ReportAsync(Stage, DonePercent,
            $"Report written: {report.Findings.Count} finding(s), overall {report.OverallSeverity.ToString().ToLowerInvariant()}, quality {review.Score:0.00}",
            cancellationToken, provider: report.Provenance.Provider);
    }

    /// <summary>What the report is written from; every stage before this one has run, so each part is there.</summary>
    public static ReportInput Input(AnalysisState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Dictionary<string, double> stageMillis;
        lock (state.StageMillis)
        {
            stageMillis = new Dictionary<string, double>(state.StageMillis);
        }

        return new ReportInput
        {
            AnalysisId = state.AnalysisId,
            OwnerId = state.Request.OwnerId,
            CaseId = state.Request.CaseId,
            ClinicalContext = state.Request.ClinicalContext,
            DeidentifiedContext = state.DeidentifiedContext,
            Known = state.Identifiers,
            Images = [.. state.Images.Select(Image)],
            Vision = state.RequiredVision,
            Citations = state.Citations,
            LiteratureStatus = state.LiteratureStatus,
            CacheKey = state.CacheKey,
            PipelineVersion = PipelineInfo.Version,
            StageMillis = stageMillis,
        };
    }

    private static ReportImage Image(ImageWork image)
    {
        var decoded = image.RequiredDecoded;
        return new ReportImage
        {
            Index = image.Source.Index,
            ImageId = image.ImageId,
            Filename = image.Source.Filename,
            Metadata = decoded.Metadata,
            Width = decoded.Width,
            Height = decoded.Height,
            Analysis = image.Analysis,
            Preprocessing = image.Preprocessed?.Parameters,
            HeatmapMethod = image.Heatmap?.Method,
            BurnedInText = image.BurnedInText,
            SourceCrop = image.Preprocessed?.SourceCrop,
            SourceReference = decoded.SourceReference,
        };
    }

    private static QualityReview Review(ReportDraft draft, MedicalReport report, IReadOnlyCollection<string> searched) =>
        QualityReviewer.Review(report.Findings, draft.Impression, draft.KeyFindings, draft.OverallSeverity, draft.CitedPmids, searched);

    private static MedicalReport Apply(MedicalReport report, ReportDraft draft, IReadOnlyList<LiteratureCitation> found)
    {
        // Only what the search returned may be cited; with no citation chosen, the search results stay as references.
        var cited = found.Where(c => draft.CitedPmids.Contains(c.Pmid)).ToList();
        return report with
        {
            Technique = draft.Technique,
            Comparison = draft.Comparison,
            Impression = draft.Impression,
            Recommendations = draft.Recommendations,
            Limitations = [.. draft.Limitations, .. report.Limitations],
            OverallSeverity = draft.OverallSeverity,
            KeyFindings = draft.KeyFindings,
            Citations = cited.Count > 0 ? cited : found,
        };
    }
}
