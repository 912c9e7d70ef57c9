using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace MedicalImaging.Server.Tests.Hosting;

/// <summary>
/// The host's implementation: Greet answers "hello NAME from USER" for the host's signed-in user, Fail throws.
/// Needs the host's authentication (its default scheme), not the mounted service's.
/// </summary>
[Authorize]
public sealed class HostGreeter : HostGreeterService.HostGreeterBase
{
    public override Task<StringValue> Greet(StringValue request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(new StringValue { Value = $"hello {request.Value} from {context.GetHttpContext().User.FindFirst("sub")?.Value}" });
    }

    public override Task<StringValue> Fail(StringValue request, ServerCallContext context) =>
        throw new InvalidOperationException("the host's own failure");
}
