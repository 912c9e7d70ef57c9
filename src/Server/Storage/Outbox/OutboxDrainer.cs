using System.Diagnostics;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>
/// Hands the outbox to the store in the background: as soon as a write is kept, then with exponential backoff
/// (1 s doubling, jittered, at most OUTBOX_RETRY_MAX_SECONDS) while the store refuses, and every 30 s regardless.
/// Stops with the server; whatever is left stays in the outbox file for the next start. Idle unless
/// STORAGE_PROVIDER=neo4j (the embedded SQLite store is local: it needs no outbox).
/// </summary>
public sealed partial class OutboxDrainer : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private readonly Func<OutboxReportRepository> _repository;
    private readonly OutboxMetrics _metrics;
    private readonly ILogger<OutboxDrainer> _logger;
    private readonly ResiliencePipeline _retry;
    private readonly bool _enabled;

    public OutboxDrainer(
        Func<OutboxReportRepository> repository, OutboxMetrics metrics, IOptions<MedicalImagingOptions> server, IOptions<Neo4jOptions> options, TimeProvider time, ILogger<OutboxDrainer> logger)
    {
        _enabled = server.Value.StorageProvider == "neo4j";
        _repository = repository;
        _metrics = metrics;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(options.Value.OutboxRetryMaxSeconds),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, _metrics.Depth, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "unknown");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        var repository = _repository();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await repository.WaitForWorkAsync(Poll, stoppingToken);
                var started = Stopwatch.GetTimestamp();
                var written = await _retry.ExecuteAsync(token => new ValueTask<int>(repository.DrainAsync(token)), stoppingToken);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (written > 0)
                {
                    LogDrained(written, seconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping: what is left waits in the outbox file.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The report store still refuses the outbox (try {Attempt}, {Depth} waiting); next try in {DelaySeconds:F1} s: {Reason}")]
    private partial void LogRetry(int attempt, long depth, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox drained: {Written} report(s) written to the store in {Seconds:F1} s (waits for the store included)")]
    private partial void LogDrained(int written, double seconds);
}
