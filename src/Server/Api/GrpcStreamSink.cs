using Grpc.Core;
using MedicalImaging.Server.Api.Mapping;
using MedicalImaging.Server.Pipeline;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api;

/// <summary>Writes pipeline events to an Analyze response stream.</summary>
internal sealed class GrpcStreamSink : IProgressSink
{
    private readonly IServerStreamWriter<V1.AnalyzeResponse> _stream;

    public GrpcStreamSink(IServerStreamWriter<V1.AnalyzeResponse> stream) => _stream = stream;

    public ValueTask PublishAsync(AnalysisEvent analysisEvent, CancellationToken cancellationToken) =>
        new(_stream.WriteAsync(AnalysisMapper.ToContract(analysisEvent), cancellationToken));
}
