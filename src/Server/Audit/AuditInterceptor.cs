using Grpc.Core;
using Grpc.Core.Interceptors;
using MedicalImaging.Server.Errors;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// Records every audited RPC (see <see cref="AuditedOperations"/>) when it ends, for all four call kinds and for REST
/// calls through JSON transcoding alike. Registered before the exception-mapping interceptor, so it sees the status the
/// caller gets. Reads ids from the request and the first and last responses; the messages themselves are not kept.
/// </summary>
public sealed class AuditInterceptor : Interceptor
{
    private readonly AuditCallRecorder _recorder;

    public AuditInterceptor(AuditCallRecorder recorder) => _recorder = recorder;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (AuditedOperations.Find(context.Method) is not { } operation)
        {
            return await continuation(request, context);
        }

        var messages = new AuditCallMessages { Request = request };
        return await RecordedAsync(context, operation, messages, async () =>
        {
            var response = await continuation(request, context);
            messages.FirstResponse = messages.LastResponse = response;
            return response;
        });
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (AuditedOperations.Find(context.Method) is not { } operation)
        {
            return await continuation(requestStream, context);
        }

        var messages = new AuditCallMessages();
        return await RecordedAsync(context, operation, messages, async () =>
        {
            var response = await continuation(requestStream, context);
            messages.FirstResponse = messages.LastResponse = response;
            return response;
        });
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (AuditedOperations.Find(context.Method) is not { } operation)
        {
            await continuation(request, responseStream, context);
            return;
        }

        var messages = new AuditCallMessages { Request = request };
        await RecordedAsync(context, operation, messages, () => continuation(request, new ObservedWriter<TResponse>(responseStream, messages), context));
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (AuditedOperations.Find(context.Method) is not { } operation)
        {
            await continuation(requestStream, responseStream, context);
            return;
        }

        var messages = new AuditCallMessages();
        await RecordedAsync(context, operation, messages, () => continuation(new ObservedReader<TRequest>(requestStream, messages, operation.StreamedObject), new ObservedWriter<TResponse>(responseStream, messages), context));
    }

    /// <summary>Runs the call and records how it ended: OK, or the status its exception stands for (rethrown).</summary>
    private async Task<T> RecordedAsync<T>(ServerCallContext context, AuditedOperation operation, AuditCallMessages messages, Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            Record(context, operation, StatusCode.OK, messages);
            return result;
        }
        catch (Exception ex)
        {
            Record(context, operation, StatusOf(ex, context), messages);
            throw;
        }
    }

    /// <summary>The same for a streaming call, which answers nothing at its end.</summary>
    private async Task RecordedAsync(ServerCallContext context, AuditedOperation operation, AuditCallMessages messages, Func<Task> call) =>
        await RecordedAsync(context, operation, messages, async () =>
        {
            await call();
            return true;
        });

    private void Record(ServerCallContext context, AuditedOperation operation, StatusCode status, AuditCallMessages messages)
    {
        var http = context.GetHttpContext();
        _recorder.Record(http, operation, status, messages, AuditCallRecorder.Transport(http));
    }

    private static StatusCode StatusOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
        _ when ErrorStatus.From(exception) is { } mapped => (StatusCode)mapped.Code,
        _ => StatusCode.Internal,
    };

    /// <summary>Passes responses through, noting the first and the last.</summary>
    private sealed class ObservedWriter<T>(IServerStreamWriter<T> inner, AuditCallMessages messages) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            messages.FirstResponse ??= message;
            messages.LastResponse = message;
            return inner.WriteAsync(message, cancellationToken);
        }
    }

    /// <summary>Passes requests through, noting the first and the object each names (every report a chat turns to).</summary>
    private sealed class ObservedReader<T>(IAsyncStreamReader<T> inner, AuditCallMessages messages, Func<object, AuditObject?>? named) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var more = await inner.MoveNext(cancellationToken);
            if (more && inner.Current is { } current)
            {
                messages.Request ??= current;
                if (named?.Invoke(current) is { } item && !messages.StreamedObjects.Contains(item))
                {
                    messages.StreamedObjects.Add(item);
                }
            }

            return more;
        }
    }
}
