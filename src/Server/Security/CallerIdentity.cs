using Grpc.Core;

namespace MedicalImaging.Server.Security;

/// <summary>The authenticated user of a call: the token's <c>sub</c>.</summary>
public static class CallerIdentity
{
    public static string UserId(ServerCallContext context)
    {
        var sub = context.GetHttpContext().User.FindFirst("sub")?.Value;
        return string.IsNullOrWhiteSpace(sub)
            ? throw new RpcException(new Status(StatusCode.Unauthenticated, "The bearer token has no 'sub' claim naming the user."))
            : sub;
    }
}
