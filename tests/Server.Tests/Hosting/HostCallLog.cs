using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MedicalImaging.Server.Tests.Hosting;

/// <summary>The host application's own interceptor, set in its global gRPC options: notes every unary method it sees.</summary>
public sealed class HostCallLog : Interceptor
{
    private readonly ConcurrentQueue<string> _methods = new();

    /// <summary>Methods seen, in order.</summary>
    public IReadOnlyCollection<string> Methods => _methods;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        _methods.Enqueue(context.Method);
        return continuation(request, context);
    }
}
