using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// The one provider chain every AI call goes through — vision, report writing and chat (the quality review is local
/// rules and calls no provider). For an operation it walks the external providers in AI_PROVIDER_ORDER: skips a
/// provider whose circuit is open, lets the operation shape the request to the provider (or skip it), passes the body
/// through the <see cref="EgressGuard"/>, runs each attempt inside that provider's one resilience pipeline (rate
/// limiter, retry honouring Retry-After, circuit breaker, per-attempt timeout — shared by all operations, so failures
/// of one operation open the circuit for all), records every attempt and its span, classifies failures and falls
/// back to the next provider. What to do when none answers (`local`, or UNAVAILABLE) is the caller's.
/// </summary>
public sealed partial class ProviderChain
{
    private readonly ProviderRoster _roster;
    private readonly EgressGuard _guard;
    private readonly TimeProvider _time;
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _idle;
    private readonly ILogger<ProviderChain> _logger;

    public ProviderChain(ProviderRoster roster, EgressGuard guard, IOptions<ProviderOptions> options, TimeProvider time, ILogger<ProviderChain> logger)
    {
        _roster = roster;
        _guard = guard;
        _time = time;
        _firstToken = TimeSpan.FromSeconds(options.Value.ChatFirstTokenTimeoutSeconds);
        _idle = TimeSpan.FromSeconds(options.Value.ChatIdleTimeoutSeconds);
        _logger = logger;
    }

    /// <summary>External providers in chain order.</summary>
    public IReadOnlyList<ExternalProvider> Providers => _roster.External;

    /// <summary>True when `local` answers after every external provider failed.</summary>
    public bool LocalInChain => _roster.LocalInChain;

    /// <summary>The chain with <paramref name="first"/> (when configured) moved to the front, the others in their order.</summary>
    public IReadOnlyList<ExternalProvider> StartingWith(string? first) =>
        [.. Providers.Where(p => p.Name == first), .. Providers.Where(p => p.Name != first)];

    /// <summary>
    /// One request/response operation: the first provider whose answer <paramref name="parse"/> accepts wins. Null
    /// when none did; <paramref name="attempts"/> then says why.
    /// </summary>
    /// <param name="operation">A <see cref="ProviderOperation"/> name.</param>
    /// <param name="providers">The providers to walk, in order (<see cref="Providers"/> or <see cref="StartingWith"/>).</param>
    /// <param name="known">The request's known identifiers, for the egress guard.</param>
    /// <param name="prepare">The request as this provider takes it, or a reason to skip it or to stop.</param>
    /// <param name="parse">Reads the answer; throws (a <see cref="ProviderException"/>) when it is not usable.</param>
    /// <param name="attempts">Every attempt is added here, retries and skips included.</param>
    /// <param name="cancellationToken">The caller's.</param>
    public async Task<ChainAnswer<T>?> CallAsync<T>(
        string operation, IEnumerable<ExternalProvider> providers, IdentifierSet known, Func<ExternalProvider, ChainStep> prepare,
        Func<ExternalProvider, ChatResponse, T> parse, List<ProviderAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        foreach (var provider in providers)
        {
            var step = Step(provider, operation, known, () => prepare(provider), attempts, cancellationToken);
            if (step is null)
            {
                continue;
            }

            if (step.Stop)
            {
                break;
            }

            try
            {
                var value = await provider.Pipeline.ExecuteAsync(
                    async token => await AttemptAsync(provider, operation, step, parse, attempts, token),
                    cancellationToken);
                Succeeded(provider);
                return new ChainAnswer<T>(provider.Name, attempts[^1].Model, value);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failed(provider, operation, FailureClassifier.Classify(ex, _time), attempts, recordPipelineRefusal: true);
            }
        }

        return null;
    }

    /// <summary>
    /// A streamed reply: each provider's stream is opened inside its pipeline (rate limiter and circuit before it
    /// starts; retries, Retry-After included, only until the first text — bounded by CHAT_FIRST_TOKEN_TIMEOUT_SECONDS
    /// and PROVIDER_TIMEOUT_SECONDS); after that, a gap longer than CHAT_IDLE_TIMEOUT_SECONDS or any failure hands the
    /// reply to the next provider, which <paramref name="prepare"/> is given the text sent so far to continue.
    /// <paramref name="outcome"/> names who finished it (null: nobody did).
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(
        string operation, IdentifierSet known, Func<ExternalProvider, string, ChainStep> prepare, ChainStreamOutcome outcome,
        List<ProviderAttemptRecord> attempts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = new StringBuilder();
        foreach (var provider in Providers)
        {
            var step = Step(provider, operation, known, () => prepare(provider, sent.ToString()), attempts, cancellationToken);
            if (step is null)
            {
                continue;
            }

            if (step.Stop)
            {
                break;
            }

            ProviderStream stream;
            try
            {
                stream = await provider.Pipeline.ExecuteAsync(
                    async token => await OpenAsync(provider, operation, step, attempts, cancellationToken, token),
                    cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Failed(provider, operation, FailureClassifier.Classify(ex, _time), attempts, recordPipelineRefusal: true);
                continue;
            }

            ProviderFailure? failure = null;
            await using (stream)
            {
                var next = stream.First;
                while (next is not null)
                {
                    sent.Append(next);
                    yield return next;
                    try
                    {
                        next = await stream.NextAsync(_idle);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        failure = FailureClassifier.Classify(ex, _time);
                        break;
                    }
                }

                attempts.Add(stream.Finish(failure));
            }

            if (failure is null)
            {
                Succeeded(provider);
                outcome.Provider = provider.Name;
                outcome.Model = attempts[^1].Model;
                yield break;
            }

            // Past the first text no retry: the breaker saw the stream start, the health window and hold-open see this.
            provider.HoldOpenAfter(failure);
            Failed(provider, operation, failure, attempts, recordPipelineRefusal: false);
        }
    }

    /// <summary>The circuit check, the operation's request and the egress guard; null when this provider is skipped.</summary>
    private ChainStep? Step(
        ExternalProvider provider, string operation, IdentifierSet known, Func<ChainStep> prepare, List<ProviderAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (provider.IsBlocked)
        {
            attempts.Add(Record(provider, operation, "circuit_open", "Skipped: the circuit is open after recent failures."));
            return null;
        }

        var step = prepare();
        if (step.Messages is null)
        {
            attempts.Add(step.Record!);
            return step.Stop ? step : null;
        }

        try
        {
            // The body every attempt of this provider sends is checked once, before any call: refused, the chain moves on.
            _guard.Release(provider.Name, operation, step.Messages(), known);
            return step;
        }
        catch (EgressBlockedException blocked)
        {
            attempts.Add(Record(provider, operation, EgressBlockedException.Outcome, blocked.Message));
            return null;
        }
    }

    private async ValueTask<T> AttemptAsync<T>(
        ExternalProvider provider, string operation, ChainStep step, Func<ExternalProvider, ChatResponse, T> parse, List<ProviderAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        var span = ProviderAttemptSpan.Start(provider, operation);
        var started = Stopwatch.GetTimestamp();
        long inputTokens = 0, outputTokens = 0;
        try
        {
            var response = await provider.Client.GetResponseAsync(step.Messages!(), step.Options!(), cancellationToken);
            inputTokens = response.Usage?.InputTokenCount ?? 0;
            outputTokens = response.Usage?.OutputTokenCount ?? 0;
            var value = parse(provider, response);
            // The model that answered (a router such as OpenRouter may serve another than the one configured).
            var servedModel = string.IsNullOrEmpty(response.ModelId) ? provider.Model : response.ModelId;
            attempts.Add(step.Describe(new ProviderAttemptRecord(provider.Name, servedModel, "success", Elapsed(started), inputTokens, outputTokens, null, operation)));
            ProviderAttemptSpan.End(span, "success", servedModel);
            return value;
        }
        catch (Exception ex)
        {
            var failure = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? new ProviderFailure("timeout", true, false, null, "The provider did not answer within the per-attempt timeout.")
                : FailureClassifier.Classify(ex, _time);
            var outcome = cancellationToken.IsCancellationRequested ? "timeout" : failure.Outcome;
            provider.HoldOpenAfter(failure);
            attempts.Add(step.Describe(new ProviderAttemptRecord(provider.Name, provider.Model, outcome, Elapsed(started), inputTokens, outputTokens, failure.Message, operation)));
            ProviderAttemptSpan.End(span, outcome);
            throw;
        }
    }

    /// <summary>
    /// One attempt to start a stream, inside the pipeline: done when the first text arrives. The stream gets its own
    /// cancellation source linked to the caller only — the pipeline's per-attempt token is pooled and reset once this
    /// returns — and the per-attempt token cancels it only until then.
    /// </summary>
    private async ValueTask<ProviderStream> OpenAsync(
        ExternalProvider provider, string operation, ChainStep step, List<ProviderAttemptRecord> attempts, CancellationToken caller, CancellationToken attempt)
    {
        var span = ProviderAttemptSpan.Start(provider, operation);
        var started = Stopwatch.GetTimestamp();
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(caller);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        string? servedModel = null;
        try
        {
            using (attempt.Register(static source => ((CancellationTokenSource)source!).Cancel(), cancel))
            {
                cancel.CancelAfter(_firstToken);
                updates = provider.Client.GetStreamingResponseAsync(step.Messages!(), step.Options!(), cancel.Token).GetAsyncEnumerator(cancel.Token);
                string? first = null;
                while (await updates.MoveNextAsync())
                {
                    var update = updates.Current;
                    servedModel = string.IsNullOrEmpty(update.ModelId) ? servedModel : update.ModelId;
                    if (!string.IsNullOrEmpty(update.Text))
                    {
                        first = update.Text;
                        break;
                    }
                }

                cancel.CancelAfter(Timeout.InfiniteTimeSpan);
                return new ProviderStream(provider, operation, step, updates, cancel, span, started, servedModel, first, caller);
            }
        }
        catch (Exception ex)
        {
            if (updates is not null)
            {
                await DisposeQuietlyAsync(updates);
            }

            cancel.Dispose();
            var firstTokenTimeout = ex is OperationCanceledException && !caller.IsCancellationRequested && !attempt.IsCancellationRequested;
            var failure = firstTokenTimeout
                ? new ProviderFailure("timeout", true, false, null, string.Create(CultureInfo.InvariantCulture,
                    $"No reply text within {_firstToken.TotalSeconds:0.###} s (CHAT_FIRST_TOKEN_TIMEOUT_SECONDS)."))
                : ex is OperationCanceledException && !caller.IsCancellationRequested
                    ? new ProviderFailure("timeout", true, false, null, "The provider did not answer within the per-attempt timeout.")
                    : FailureClassifier.Classify(ex, _time);
            provider.HoldOpenAfter(failure);
            attempts.Add(step.Describe(new ProviderAttemptRecord(provider.Name, provider.Model, failure.Outcome, Elapsed(started), 0, 0, failure.Message, operation)));
            ProviderAttemptSpan.End(span, failure.Outcome);
            if (firstTokenTimeout)
            {
                // Transient: the pipeline retries it like any timeout.
                throw new ProviderException(failure, ex);
            }

            throw;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate> updates)
    {
        try
        {
            await updates.DisposeAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ProviderException or HttpRequestException)
        {
            // Closing a stream that already failed.
        }
    }

    private static void Succeeded(ExternalProvider provider)
    {
        provider.Outcomes.Record(true);
        provider.Answered();
    }

    private void Failed(ExternalProvider provider, string operation, ProviderFailure failure, List<ProviderAttemptRecord> attempts, bool recordPipelineRefusal)
    {
        provider.Outcomes.Record(false);
        // Refusals by the pipeline itself never reached the attempt callback: record them here.
        if (recordPipelineRefusal && failure.Outcome is "circuit_open" or "rate_limited_locally")
        {
            attempts.Add(Record(provider, operation, failure.Outcome, failure.Message));
            ProviderAttemptSpan.End(ProviderAttemptSpan.Start(provider, operation), failure.Outcome);
        }

        LogProviderFailed(provider.Name, operation, failure.Outcome, failure.Message);
    }

    private static ProviderAttemptRecord Record(ExternalProvider provider, string operation, string outcome, string message) =>
        new(provider.Name, provider.Model, outcome, 0, 0, 0, message, operation);

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider} failed {Operation} ({Outcome}): {Reason}; falling back")]
    private partial void LogProviderFailed(string provider, string operation, string outcome, string reason);
}
