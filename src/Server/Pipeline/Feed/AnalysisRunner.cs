using System.Collections.Concurrent;
using MedicalImaging.Server.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Pipeline.Feed;

/// <summary>
/// Runs analyses in the background, independent of the call that started them: a client that drops
/// the Analyze stream can re-attach with WatchAnalysis and lose nothing. On shutdown, running
/// analyses are cancelled and awaited.
/// </summary>
public sealed partial class AnalysisRunner : IHostedService, IDisposable
{
    private readonly AnalysisPipeline _pipeline;
    private readonly AnalysisFeed _feed;
    private readonly ILogger<AnalysisRunner> _logger;
    private readonly Telemetry.AnalysisMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public AnalysisRunner(AnalysisPipeline pipeline, AnalysisFeed feed, ILogger<AnalysisRunner> logger, Telemetry.AnalysisMetrics metrics)
    {
        _metrics = metrics;
        _pipeline = pipeline;
        _feed = feed;
        _logger = logger;
    }

    /// <summary>Starts a prepared analysis; its events go to the feed under its analysis id.</summary>
    /// <param name="state">The prepared analysis.</param>
    /// <param name="admission">The admission lease (memory + slot), released when the analysis ends, however it ends.</param>
    public string Start(AnalysisState state, IDisposable? admission = null)
    {
        var sink = _feed.Open(state.AnalysisId, state.Request.OwnerId);
        _metrics.Started();
        var task = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                await _pipeline.RunAsync(state, sink, _stopping.Token);
            }
            catch (Exception ex)
            {
                if (ex is not (InvalidRequestException or CapacityExceededException or ResourceNotFoundException or OperationCanceledException or Providers.Chain.ProvidersUnavailableException))
                {
                    LogFailed(ex, state.AnalysisId);
                }

                failure = ex;
            }
            finally
            {
                // Before the feed ends: a client that sends its next analysis on seeing this one end finds the slot free.
                admission?.Dispose();
            }

            _metrics.Ended(state, failure);
            _feed.End(state.AnalysisId, failure);
            _running.TryRemove(state.AnalysisId, out _);
        });
        _running[state.AnalysisId] = task;
        return state.AnalysisId;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Analysis {AnalysisId} failed unexpectedly")]
    private partial void LogFailed(Exception exception, string analysisId);
}
