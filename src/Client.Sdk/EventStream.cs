using Grpc.Core;
using MedicalImaging.Client.Mapping;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Client;

/// <summary>The events of one Analyze or WatchAnalysis call as SDK updates: the two RPCs answer the same shape.</summary>
internal sealed class EventStream : IDisposable
{
    private readonly IDisposable _call;
    private readonly Func<CancellationToken, Task<AnalysisUpdate?>> _next;

    public EventStream(AsyncServerStreamingCall<V1.AnalyzeResponse> call)
    {
        _call = call;
        _next = async token => await call.ResponseStream.MoveNext(token)
            ? ContractMapper.ToUpdate(call.ResponseStream.Current.AnalysisId, call.ResponseStream.Current.Sequence, call.ResponseStream.Current.Progress, call.ResponseStream.Current.Result)
            : null;
    }

    public EventStream(AsyncServerStreamingCall<V1.WatchAnalysisResponse> call)
    {
        _call = call;
        _next = async token => await call.ResponseStream.MoveNext(token)
            ? ContractMapper.ToUpdate(call.ResponseStream.Current.AnalysisId, call.ResponseStream.Current.Sequence, call.ResponseStream.Current.Progress, call.ResponseStream.Current.Result)
            : null;
    }

    /// <summary>The next event, or null when the stream ended normally; a failed call throws its RpcException.</summary>
    public Task<AnalysisUpdate?> NextAsync(CancellationToken cancellationToken) => _next(cancellationToken);

    public void Dispose() => _call.Dispose();
}
