using Grpc.Core;
using MedicalImaging.Client.Mapping;

namespace MedicalImaging.Client;

/// <summary>
/// The events of one Analyze or WatchAnalysis call as SDK updates. The two RPCs answer the same shape in two message
/// types, so the stream is built by <see cref="Of"/> from the call and the message's mapping.
/// </summary>
internal sealed class EventStream : IDisposable
{
    private readonly IDisposable _call;
    private readonly Func<CancellationToken, Task<AnalysisUpdate?>> _next;

    private EventStream(IDisposable call, Func<CancellationToken, Task<AnalysisUpdate?>> next)
    {
        _call = call;
        _next = next;
    }

    /// <summary>A stream over <paramref name="call"/>, each message mapped by <paramref name="map"/>.</summary>
    public static EventStream Of<TResponse>(AsyncServerStreamingCall<TResponse> call, Func<TResponse, AnalysisUpdate> map) =>
        new(call, token => ResponseStreams.NextAsync(call.ResponseStream, map, token));

    /// <summary>The next event, or null when the stream ended normally; a failed call throws its RpcException.</summary>
    public Task<AnalysisUpdate?> NextAsync(CancellationToken cancellationToken) => _next(cancellationToken);

    public void Dispose() => _call.Dispose();
}
