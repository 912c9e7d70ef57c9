using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace MedicalImaging.Server.Tests.Hosting;

/// <summary>
/// A host application's own gRPC service, written by hand in the shape protoc's C# plugin generates (no proto):
/// <c>host.Greeter/Greet</c> and <c>host.Greeter/Fail</c> over <see cref="StringValue"/> messages.
/// </summary>
public static class HostGreeterService
{
    private static readonly Marshaller<StringValue> Text = Marshallers.Create(m => m.ToByteArray(), StringValue.Parser.ParseFrom);

    /// <summary>Unary greeting.</summary>
    public static readonly Method<StringValue, StringValue> GreetMethod = new(MethodType.Unary, "host.Greeter", "Greet", Text, Text);

    /// <summary>Unary call that fails with an unexpected exception.</summary>
    public static readonly Method<StringValue, StringValue> FailMethod = new(MethodType.Unary, "host.Greeter", "Fail", Text, Text);

    /// <summary>How grpc-dotnet learns the methods (it then finds their overrides on the mapped type by name).</summary>
    public static void BindService(ServiceBinderBase binder, HostGreeterBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(GreetMethod, service is null ? null : service.Greet);
        binder.AddMethod(FailMethod, service is null ? null : service.Fail);
    }

    /// <summary>The base a host's implementation overrides.</summary>
    [BindServiceMethod(typeof(HostGreeterService), nameof(BindService))]
    public abstract class HostGreeterBase
    {
        public virtual Task<StringValue> Greet(StringValue request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        public virtual Task<StringValue> Fail(StringValue request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));
    }
}
