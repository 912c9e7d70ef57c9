using System.Diagnostics;
using System.Globalization;
using MedicalImaging.Server.Domain;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// A provider's streamed reply once its first text has arrived: the rest is read outside the resilience pipeline (a
/// retry would repeat text the client already has), each read bounded by the idle timeout. The stream owns its
/// cancellation source (linked to the caller only) and its attempt span, and records the attempt when it ends.
/// </summary>
internal sealed class ProviderStream : IAsyncDisposable
{
    private readonly ExternalProvider _provider;
    private readonly string _operation;
    private readonly ChainStep _step;
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly CancellationTokenSource _cancel;
    private readonly CancellationToken _caller;
    private readonly long _started;
    private Activity? _span;

    public ProviderStream(
        ExternalProvider provider, string operation, ChainStep step, IAsyncEnumerator<ChatResponseUpdate> updates,
        CancellationTokenSource cancel, Activity? span, long started, string? servedModel, string? first, CancellationToken caller)
    {
        _provider = provider;
        _operation = operation;
        _step = step;
        _updates = updates;
        _cancel = cancel;
        _caller = caller;
        _span = span;
        _started = started;
        ServedModel = servedModel;
        First = first;
    }

    /// <summary>The first text of the reply; null when the stream finished without any.</summary>
    public string? First { get; }

    /// <summary>The model the chunks named (the last one that named any).</summary>
    public string? ServedModel { get; private set; }

    /// <summary>The next text of the reply, or null at its end. Throws a classified failure (an idle timeout is <c>timeout</c>).</summary>
    public async ValueTask<string?> NextAsync(TimeSpan idle)
    {
        while (true)
        {
            bool more;
            _cancel.CancelAfter(idle);
            try
            {
                more = await _updates.MoveNextAsync();
            }
            catch (OperationCanceledException ex) when (!_caller.IsCancellationRequested)
            {
                throw new ProviderException(new ProviderFailure("timeout", true, false, null,
                    string.Create(CultureInfo.InvariantCulture, $"The provider sent nothing for {idle.TotalSeconds:0.###} s in the middle of its reply (CHAT_IDLE_TIMEOUT_SECONDS).")), ex);
            }
            finally
            {
                _cancel.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (!more)
            {
                return null;
            }

            var update = _updates.Current;
            ServedModel = string.IsNullOrEmpty(update.ModelId) ? ServedModel : update.ModelId;
            if (!string.IsNullOrEmpty(update.Text))
            {
                return update.Text;
            }
        }
    }

    /// <summary>Records the attempt (success, or the failure that ended the reply) and ends its span.</summary>
    public ProviderAttemptRecord Finish(ProviderFailure? failure)
    {
        var outcome = failure?.Outcome ?? "success";
        var model = failure is null ? ServedModel ?? _provider.Model : _provider.Model;
        var record = _step.Describe(new ProviderAttemptRecord(
            _provider.Name, model, outcome, Stopwatch.GetElapsedTime(_started).TotalMilliseconds, 0, 0, failure?.Message, _operation));
        ProviderAttemptSpan.End(_span, outcome, failure is null ? model : null);
        _span = null;
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        // A reply abandoned by the caller (the client went away) ends its span too.
        ProviderAttemptSpan.End(_span, "cancelled");
        _span = null;
        try
        {
            await _updates.DisposeAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ProviderException or HttpRequestException)
        {
            // Closing a broken or cancelled stream: nothing left to read.
        }

        _cancel.Dispose();
    }
}
