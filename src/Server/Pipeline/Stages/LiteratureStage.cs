using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Literature;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Searches PubMed from the findings; failure or no network makes the report say literature was unavailable.</summary>
public sealed partial class LiteratureStage : IAnalysisStage
{
    private const int MaxCitations = 5;
    private readonly ILiteratureSearch _search;
    private readonly ProviderOptions _options;
    private readonly ILogger<LiteratureStage> _logger;

    public LiteratureStage(ILiteratureSearch search, IOptions<ProviderOptions> options, ILogger<LiteratureStage> logger)
    {
        _search = search;
        _options = options.Value;
        _logger = logger;
    }

    public PipelineStage Stage => PipelineStage.Literature;

    public int DonePercent => 75;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        if (!_options.LiteratureSearchEnabled)
        {
            state.LiteratureStatus = "disabled";
            await progress.ReportAsync(Stage, DonePercent, "Literature search is disabled (LITERATURE_SEARCH_ENABLED=false)", cancellationToken);
            return;
        }

        var query = LiteratureQuery.From(state.RequiredVision.Findings, state.Images[0].RequiredDecoded.Metadata.Modality);
        if (query is null)
        {
            state.LiteratureStatus = "not_needed";
            await progress.ReportAsync(Stage, DonePercent, "No abnormal finding to search the literature for", cancellationToken);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.LiteratureTimeoutSeconds));
        try
        {
            state.Citations = await _search.SearchAsync(query, state.Identifiers, MaxCitations, timeout.Token);
            state.LiteratureStatus = "ok";
            await progress.ReportAsync(Stage, DonePercent, $"{state.Citations.Count} PubMed citation(s) found", cancellationToken);
        }
        catch (EgressBlockedException)
        {
            state.LiteratureStatus = EgressBlockedException.Outcome;
            await progress.ReportAsync(Stage, DonePercent, "Literature search not made: the privacy guard refused the query", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            state.LiteratureStatus = "unavailable";
            LogUnavailable(ex.GetType().Name, ex.Message);
            await progress.ReportAsync(Stage, DonePercent, "Literature search unavailable; the report says so", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Literature search unavailable ({Kind}): {Reason}")]
    private partial void LogUnavailable(string kind, string reason);
}
