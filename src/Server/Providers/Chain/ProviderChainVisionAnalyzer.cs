using System.Diagnostics;
using MedicalImaging.Server.Health;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Providers.Vision;
using MedicalImaging.Server.Redaction;
using MedicalImaging.Server.Reports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// The provider chain: each external provider in AI_PROVIDER_ORDER (those with a key) is tried in
/// turn through its own resilience pipeline; the first valid answer wins. When all fail, `local`
/// answers and the result is degraded; without `local` in the order, UNAVAILABLE. Every try —
/// retries included — is recorded for provenance.
/// </summary>
public sealed partial class ProviderChainVisionAnalyzer : IVisionAnalyzer, IProviderHealthSource
{
    private readonly IReadOnlyList<ExternalProvider> _providers;
    private readonly LocalVisionAnalyzer _local;
    private readonly OutboundImagePreparer _outbound;
    private readonly bool _localInChain;
    private readonly TimeProvider _time;
    private readonly EgressGuard _guard;
    private readonly ILogger<ProviderChainVisionAnalyzer> _logger;

    public ProviderChainVisionAnalyzer(
        ProviderRoster roster,
        LocalVisionAnalyzer local,
        OutboundImagePreparer outbound,
        TimeProvider time,
        EgressGuard guard,
        ILogger<ProviderChainVisionAnalyzer> logger)
    {
        _guard = guard;
        _providers = roster.External;
        _local = local;
        _outbound = outbound;
        _localInChain = roster.LocalInChain;
        _time = time;
        _logger = logger;
    }

    public async Task<VisionResult> AnalyzeAsync(AnalysisState state, CancellationToken cancellationToken)
    {
        var attempts = new List<ProviderAttemptRecord>();
        // Built when the first external provider is really about to be called: the outbound copies (OCR for
        // burned-in text) cost nothing when local answers alone.
        VisionRequest? request = null;
        foreach (var provider in _providers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (provider.IsBlocked)
            {
                attempts.Add(new ProviderAttemptRecord(provider.Name, provider.Model, "circuit_open", 0, 0, 0, "Skipped: the circuit is open after recent failures."));
                continue;
            }

            if (request is null)
            {
                try
                {
                    _outbound.Prepare(state, cancellationToken);
                    request = VisionRequest.From(state);
                }
                catch (BurnedInTextUnavailableException ex)
                {
                    // Fail closed: pixels that could not be checked go to no provider.
                    attempts.Add(new ProviderAttemptRecord(provider.Name, provider.Model, "privacy_blocked", 0, 0, 0, ex.Message));
                    LogPixelsWithheld(ex.Message);
                    break;
                }
            }

            // Shaped to what this provider takes (image count, size and bytes, parameters); the outbound PNGs stay as they are.
            var fitted = request.FitTo(provider.Profile);
            if (fitted.ImageCount == 0)
            {
                attempts.Add(fitted.Record(new ProviderAttemptRecord(provider.Name, provider.Model, "request_too_large", 0, 0, 0,
                    $"No image fits {provider.Name}'s request budget ({provider.Profile.MaxRequestBytes} bytes).")));
                continue;
            }

            try
            {
                // The body every attempt of this provider sends is checked once, before any call: refused, the chain moves on.
                _guard.Release(provider.Name, "vision", fitted.ToMessages(), request.Known);
            }
            catch (EgressBlockedException blocked)
            {
                attempts.Add(new ProviderAttemptRecord(provider.Name, provider.Model, EgressBlockedException.Outcome, 0, 0, 0, blocked.Message));
                continue;
            }

            if (fitted.Dropped > 0)
            {
                LogImagesDropped(provider.Name, fitted.Dropped, fitted.ImageCount);
            }

            try
            {
                var findings = await provider.Pipeline.ExecuteAsync(
                    async token => await TryOnceAsync(provider, fitted, attempts, token),
                    cancellationToken);
                provider.Outcomes.Record(true);
                provider.Answered();
                return new VisionResult(provider.Name, attempts[^1].Model, Degraded: false, findings, attempts)
                {
                    PromptHashes = new Dictionary<string, string> { [request.Prompt.Name] = request.Prompt.Sha256 },
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                provider.Outcomes.Record(false);
                var failure = FailureClassifier.Classify(ex, _time);
                if (failure.Outcome is "circuit_open" or "rate_limited_locally")
                {
                    attempts.Add(new ProviderAttemptRecord(provider.Name, provider.Model, failure.Outcome, 0, 0, 0, failure.Message));
                }

                LogProviderFailed(provider.Name, failure.Outcome, failure.Message);
            }
        }

        if (!_localInChain)
        {
            var retryAfter = _providers.Count == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(10);
            throw new ProvidersUnavailableException(
                $"No AI provider could analyse the images ({DescribeFailures(attempts)}) and 'local' is not in AI_PROVIDER_ORDER.", retryAfter);
        }

        var local = await _local.AnalyzeAsync(state, cancellationToken);
        var degraded = attempts.Count > 0;
        return local with { Degraded = degraded, Attempts = [.. attempts, .. local.Attempts] };
    }

    public IReadOnlyList<ProviderState> GetProviders()
    {
        var states = _providers.Select(p =>
        {
            var (rate, count) = p.Outcomes.Snapshot();
            var circuit = p.Circuit.CircuitState switch
            {
                CircuitState.Open => p.IsBlocked ? "open" : "half_open",
                CircuitState.HalfOpen => "half_open",
                CircuitState.Isolated => "open",
                _ => "closed",
            };
            return new ProviderState(p.Name, p.Model, Configured: true, circuit, rate, count) { Warning = p.Warning };
        }).ToList();
        if (_localInChain)
        {
            states.Add(new ProviderState(LocalVisionAnalyzer.ProviderName, LocalVisionAnalyzer.ModelName, true, "closed", 1, 0));
        }

        return states;
    }

    private async ValueTask<IReadOnlyList<ReportFinding>> TryOnceAsync(
        ExternalProvider provider, FittedVisionRequest request, List<ProviderAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long inputTokens = 0, outputTokens = 0;
        try
        {
            var response = await provider.Client.GetResponseAsync(request.ToMessages(), request.ToOptions(), cancellationToken);
            inputTokens = response.Usage?.InputTokenCount ?? 0;
            outputTokens = response.Usage?.OutputTokenCount ?? 0;
            var findings = VisionResponseParser.Parse(response.Text, request.ImageCount, provider.Name);
            // The model that answered (OpenRouter may route to another model of OPENROUTER_MODELS).
            var servedModel = string.IsNullOrEmpty(response.ModelId) ? provider.Model : response.ModelId;
            attempts.Add(request.Record(new ProviderAttemptRecord(provider.Name, servedModel, "success", Elapsed(started), inputTokens, outputTokens, null)));
            return findings;
        }
        catch (Exception ex)
        {
            var failure = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? new ProviderFailure("timeout", true, false, null, "The provider did not answer within the per-attempt timeout.")
                : FailureClassifier.Classify(ex, _time);
            var outcome = cancellationToken.IsCancellationRequested ? "timeout" : failure.Outcome;
            provider.HoldOpenAfter(failure);
            attempts.Add(request.Record(new ProviderAttemptRecord(provider.Name, provider.Model, outcome, Elapsed(started), inputTokens, outputTokens, failure.Message)));
            throw;
        }
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string DescribeFailures(List<ProviderAttemptRecord> attempts) =>
        attempts.Count == 0 ? "no external provider is configured" : string.Join("; ", attempts.Select(a => $"{a.Provider}: {a.Outcome}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "No external provider is called: {Reason}")]
    private partial void LogPixelsWithheld(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} takes {Sent} image(s) of this request within its profile's budget; {Dropped} left out")]
    private partial void LogImagesDropped(string provider, int dropped, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} failed ({Outcome}): {Reason}; falling back")]
    private partial void LogProviderFailed(string provider, string outcome, string reason);
}
