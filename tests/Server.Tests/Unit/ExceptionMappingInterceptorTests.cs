using Grpc.Core;
using MedicalImaging.Server.Api;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>
/// How the interceptor tells a client that went away from a server error. Kestrel cancels a call's token on the thread
/// pool after the client resets the stream, so the write in flight can fail before the token fires.
/// </summary>
public sealed class ExceptionMappingInterceptorTests
{
    [Fact]
    public async Task WriteFailsBeforeTheClientsCancellationArrives_Cancelled_NoErrorLogged()
    {
        using var call = new CancellationTokenSource();
        var (interceptor, errors) = Interceptor();
        var handler = StreamingHandler(() =>
        {
            call.CancelAfter(TimeSpan.FromMilliseconds(100)); // the token fires only after the write failed
            throw new InvalidOperationException("Can't write the message because the request is complete.");
        });

        var thrown = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler(string.Empty, null!, new CallContext(call.Token), handler));

        Assert.Equal(StatusCode.Cancelled, thrown.StatusCode);
        Assert.Empty(errors.Entries);
    }

    [Fact]
    public async Task TransportFailureAfterTheClientLeft_Cancelled_NoErrorLogged()
    {
        using var call = new CancellationTokenSource();
        await call.CancelAsync();
        var (interceptor, errors) = Interceptor();
        var handler = StreamingHandler(() => throw new IOException("The request stream was aborted."));

        var thrown = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler(string.Empty, null!, new CallContext(call.Token), handler));

        Assert.Equal(StatusCode.Cancelled, thrown.StatusCode);
        Assert.Empty(errors.Entries);
    }

    [Fact]
    public async Task SameFailureWhileTheClientStaysConnected_InternalWithoutDetail_ErrorLogged()
    {
        var (interceptor, errors) = Interceptor();
        var handler = StreamingHandler(() => throw new InvalidOperationException("secret internal state"));

        var thrown = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler(string.Empty, null!, new CallContext(CancellationToken.None), handler));

        Assert.Equal(StatusCode.Internal, thrown.StatusCode);
        Assert.DoesNotContain("secret", thrown.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(errors.Entries, e => e.Contains("Unexpected failure in /test/Method", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherFailureAfterTheClientLeft_StillAnError()
    {
        using var call = new CancellationTokenSource();
        await call.CancelAsync();
        var (interceptor, errors) = Interceptor();
        var handler = StreamingHandler(() => throw new NullReferenceException());

        var thrown = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler(string.Empty, null!, new CallContext(call.Token), handler));

        Assert.Equal(StatusCode.Internal, thrown.StatusCode);
        Assert.Single(errors.Entries);
    }

    private static ServerStreamingServerMethod<string, string> StreamingHandler(Action fail) => async (_, _, _) =>
    {
        await Task.Yield();
        fail();
    };

    private static (ExceptionMappingInterceptor Interceptor, ErrorLogCollector Errors) Interceptor()
    {
        var errors = new ErrorLogCollector();
        var factory = LoggerFactory.Create(b => b.AddProvider(errors));
        return (new ExceptionMappingInterceptor(factory.CreateLogger<ExceptionMappingInterceptor>(), new RunningLifetime()), errors);
    }

    private sealed class RunningLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    /// <summary>The parts of a call the interceptor reads: its method name and its cancellation token.</summary>
    private sealed class CallContext(CancellationToken token) : ServerCallContext
    {
        protected override string MethodCore => "/test/Method";

        protected override string HostCore => "localhost";

        protected override string PeerCore => "ipv4:127.0.0.1:1";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore => [];

        protected override CancellationToken CancellationTokenCore => token;

        protected override Metadata ResponseTrailersCore => [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
