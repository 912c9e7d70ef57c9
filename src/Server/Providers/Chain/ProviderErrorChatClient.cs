using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Wraps a provider's chat client so that every failure leaves it as a <see cref="ProviderException"/> classified by
/// the provider's own error dialect, and so that a stream that ends without a finish reason is a failure
/// (<c>stream_incomplete</c>), never a short but "complete" reply.
/// </summary>
public sealed class ProviderErrorChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly string _model;
    private readonly string _dialect;
    private readonly TimeProvider _time;

    public ProviderErrorChatClient(IChatClient inner, string provider, string model, string dialect, TimeProvider time) : base(inner)
    {
        _provider = provider;
        _model = model;
        _dialect = dialect;
        _time = time;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ProviderException))
        {
            throw Classified(ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatFinishReason? finish = null;
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or ProviderException))
            {
                throw Classified(ex);
            }

            finish = updates.Current.FinishReason ?? finish;
            yield return updates.Current;
        }

        if (finish is null)
        {
            throw new ProviderException(new ProviderFailure(
                "stream_incomplete", true, false, null, "The provider's stream ended without a finish reason: the reply is cut off."));
        }
    }

    private ProviderException Classified(Exception ex) => new(FailureClassifier.Classify(ex, _time, _dialect, _provider, _model), ex);
}
