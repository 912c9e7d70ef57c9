using System.Diagnostics;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Health;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Providers.Vision;
using MedicalImaging.Server.Redaction;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Vision through the <see cref="ProviderChain"/>: each external provider in AI_PROVIDER_ORDER (those with a key) is
/// given the images fitted to its profile; the first valid answer wins. When all fail, `local` answers and the
/// result is degraded; without `local` in the order, UNAVAILABLE. Every try — retries included — is recorded for
/// provenance.
/// </summary>
public sealed partial class ProviderChainVisionAnalyzer : IVisionAnalyzer, IProviderHealthSource
{
    private readonly ProviderChain _chain;
    private readonly LocalVisionAnalyzer _local;
    private readonly OutboundImagePreparer _outbound;
    private readonly ILogger<ProviderChainVisionAnalyzer> _logger;

    public ProviderChainVisionAnalyzer(
        ProviderChain chain,
        LocalVisionAnalyzer local,
        OutboundImagePreparer outbound,
        ILogger<ProviderChainVisionAnalyzer> logger)
    {
        _chain = chain;
        _local = local;
        _outbound = outbound;
        _logger = logger;
    }

    public async Task<VisionResult> AnalyzeAsync(VisionRequest request, CancellationToken cancellationToken)
    {
        var attempts = new List<ProviderAttemptRecord>();
        // Built when the first external provider is really about to be called: the outbound copies (OCR for
        // burned-in text) cost nothing when local answers alone.
        ArgumentNullException.ThrowIfNull(request);
        VisionPrompt? prompt = null;
        var fittedTo = new Dictionary<string, FittedVisionRequest>(StringComparer.Ordinal);

        ChainStep Prepare(ExternalProvider provider)
        {
            if (prompt is null)
            {
                try
                {
                    _outbound.Prepare(request.Outbound, cancellationToken);
                    prompt = VisionPrompt.From(request);
                }
                catch (BurnedInTextUnavailableException ex)
                {
                    // Fail closed: pixels that could not be checked go to no provider.
                    LogPixelsWithheld(ex.Message);
                    return ChainStep.Halt(new ProviderAttemptRecord(provider.Name, provider.Model, "privacy_blocked", 0, 0, 0, ex.Message));
                }
            }

            // Shaped to what this provider takes (image count, size and bytes, parameters); the outbound PNGs stay as they are.
            var fitted = prompt.FitTo(provider.Profile);
            if (fitted.ImageCount == 0)
            {
                return ChainStep.Skip(fitted.Record(new ProviderAttemptRecord(provider.Name, provider.Model, "request_too_large", 0, 0, 0,
                    $"No image fits {provider.Name}'s request budget ({provider.Profile.MaxRequestBytes} bytes).")));
            }

            if (fitted.Dropped > 0)
            {
                LogImagesDropped(provider.Name, fitted.Dropped, fitted.ImageCount);
            }

            fittedTo[provider.Name] = fitted;
            return ChainStep.Send(() => fitted.ToMessages(), fitted.ToOptions, fitted.Record);
        }

        var answer = await _chain.CallAsync(
            ProviderOperation.Vision, _chain.Providers, request.Known, Prepare,
            (provider, response) => VisionResponseParser.Parse(response.Text, fittedTo[provider.Name].ImageCount, provider.Name),
            attempts, cancellationToken);
        if (answer is not null)
        {
            return new VisionResult(answer.Provider, answer.Model, Degraded: false, answer.Value, attempts)
            {
                PromptHashes = new Dictionary<string, string> { [prompt!.Prompt.Name] = prompt.Prompt.Sha256 },
            };
        }

        if (!_chain.LocalInChain)
        {
            var retryAfter = _chain.Providers.Count == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(10);
            throw new ProvidersUnavailableException(
                $"No AI provider could analyse the images ({DescribeFailures(attempts)}) and 'local' is not in AI_PROVIDER_ORDER.", retryAfter);
        }

        var local = await _local.AnalyzeAsync(request, cancellationToken);
        var degraded = attempts.Count > 0;
        return local with { Degraded = degraded, Attempts = [.. attempts, .. local.Attempts] };
    }

    public IReadOnlyList<ProviderState> GetProviders()
    {
        var states = _chain.Providers.Select(p =>
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
        if (_chain.LocalInChain)
        {
            states.Add(new ProviderState(LocalVisionAnalyzer.ProviderName, LocalVisionAnalyzer.ModelName, true, "closed", 1, 0));
        }

        return states;
    }

    private static string DescribeFailures(List<ProviderAttemptRecord> attempts) =>
        attempts.Count == 0 ? "no external provider is configured" : string.Join("; ", attempts.Select(a => $"{a.Provider}: {a.Outcome}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "No external provider is called: {Reason}")]
    private partial void LogPixelsWithheld(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} takes {Sent} image(s) of this request within its profile's budget; {Dropped} left out")]
    private partial void LogImagesDropped(string provider, int dropped, int sent);
}
