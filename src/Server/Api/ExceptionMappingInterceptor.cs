using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Providers.Chain;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Api;

/// <summary>
/// Maps domain failures to gRPC status codes (and so to REST status codes) for all four call kinds:
/// invalid request → INVALID_ARGUMENT with BadRequest details, not found → NOT_FOUND, rate limit →
/// RESOURCE_EXHAUSTED with RetryInfo, missing capability → UNIMPLEMENTED, anything else → INTERNAL
/// without internals.
/// </summary>
public sealed partial class ExceptionMappingInterceptor : Interceptor
{
    private readonly ILogger<ExceptionMappingInterceptor> _logger;

    public ExceptionMappingInterceptor(ILogger<ExceptionMappingInterceptor> logger) => _logger = logger;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case InvalidRequestException invalid:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = invalid.Field, Description = invalid.Message });
                return Build(Code.InvalidArgument, invalid.Message, Any.Pack(badRequest));
            case ResourceNotFoundException notFound:
                return Build(Code.NotFound, notFound.Message);
            case RateLimitExceededException limited:
                return Build(Code.ResourceExhausted, limited.Message, Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(limited.RetryAfter) }));
            case ProvidersUnavailableException unavailable:
                return Build(Code.Unavailable, unavailable.Message, Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(unavailable.RetryAfter) }));
            case UnimplementedFeatureException unimplemented:
                return Build(Code.Unimplemented, unimplemented.Message);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                LogUnexpected(ex, context.Method);
                return Build(Code.Internal, "The server failed unexpectedly; the error was logged with this call's correlation id.");
        }
    }

    private static RpcException Build(Code code, string message, params Any[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details);
        return status.ToRpcException();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    private partial void LogUnexpected(Exception exception, string method);
}
