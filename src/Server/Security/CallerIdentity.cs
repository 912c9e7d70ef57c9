using Grpc.Core;

namespace MedicalImaging.Server.Security;

/// <summary>The authenticated user of a call: the token's <c>sub</c>.</summary>
public static class CallerIdentity
{
    public static string UserId(ServerCallContext context) =>
        TryUserId(context) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The bearer token has no 'sub' claim naming the user."));

    /// <summary>The user of a call that carried a valid token, or null (anonymous calls reach [AllowAnonymous] RPCs).</summary>
    public static string? TryUserId(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var sub = user.Identity?.IsAuthenticated == true ? user.FindFirst("sub")?.Value : null;
        return string.IsNullOrWhiteSpace(sub) ? null : sub;
    }
}
