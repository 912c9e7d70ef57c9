using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Api;

/// <summary>
/// Maps domain failures to gRPC status codes (and so to REST status codes) for all four call kinds,
/// through <see cref="ErrorStatus"/>; anything unexpected is logged and answered INTERNAL without internals.
/// </summary>
public sealed partial class ExceptionMappingInterceptor : Interceptor
{
    private readonly ILogger<ExceptionMappingInterceptor> _logger;
    private readonly IHostApplicationLifetime _lifetime;

    public ExceptionMappingInterceptor(ILogger<ExceptionMappingInterceptor> logger, IHostApplicationLifetime lifetime)
    {
        _logger = logger;
        _lifetime = lifetime;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw await MapAsync(ex, context);
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
            throw await MapAsync(ex, context);
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
            throw await MapAsync(ex, context);
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
            throw await MapAsync(ex, context);
        }
    }

    private async Task<RpcException> MapAsync(Exception ex, ServerCallContext context)
    {
        // The client hung up (or its deadline passed): whatever the write in flight threw — cancellation, the
        // transport's IOException, "the request is complete" — it is the client's doing, not a server error.
        if (IsStreamFailure(ex) && context.CancellationToken.IsCancellationRequested)
        {
            return ClientGone(ex, context);
        }

        // A call cut short by shutdown is normal: UNAVAILABLE with RetryInfo (re-attach), and no error log.
        if (ex is OperationCanceledException && _lifetime.ApplicationStopping.IsCancellationRequested)
        {
            ex = new Domain.ServerStoppingException();
        }

        if (ErrorStatus.From(ex) is { } status)
        {
            return status.ToRpcException();
        }

        // Kestrel cancels the call's token on the thread pool, so a write to a stream the client just reset can fail a
        // moment before the token says so: such a failure waits for the token a little before it counts as a bug.
        if (IsStreamFailure(ex) && await CancelledWithinAsync(ClientGoneGrace, context.CancellationToken))
        {
            return ClientGone(ex, context);
        }

        LogUnexpected(ex, context.Method);
        return ErrorStatus.Internal.ToRpcException();
    }

    /// <summary>How long a failure of the kinds a dead stream throws waits for the call's token before it is logged as unexpected.</summary>
    internal static readonly TimeSpan ClientGoneGrace = TimeSpan.FromSeconds(1);

    /// <summary>The kinds of failure a write to (or read from) a stream whose client went away throws.</summary>
    internal static bool IsStreamFailure(Exception ex) => ex is OperationCanceledException or IOException or InvalidOperationException;

    internal static async Task<bool> CancelledWithinAsync(TimeSpan grace, CancellationToken token)
    {
        try
        {
            await Task.Delay(grace, token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private RpcException ClientGone(Exception ex, ServerCallContext context)
    {
        LogClientGone(ex, context.Method);
        return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} ended because the client went away")]
    private partial void LogClientGone(Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    private partial void LogUnexpected(Exception exception, string method);
}
