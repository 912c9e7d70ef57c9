using System.Security.Claims;
using Grpc.Core;

namespace MedicalImaging.Server.Security;

/// <summary>
/// The authenticated user of a call: the token's JWT_USER_CLAIM (default <c>sub</c>), and its roles from
/// JWT_ROLE_CLAIM (default <c>roles</c>; a dotted path such as realm_access.roles reads a nested array).
/// </summary>
public static class CallerIdentity
{
    public static string UserId(ServerCallContext context) =>
        TryUserId(context) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The bearer token has no claim naming the user (JWT_USER_CLAIM, default 'sub')."));

    /// <summary>The user of a call that carried a valid token, or null (anonymous calls reach [AllowAnonymous] RPCs).</summary>
    public static string? TryUserId(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TryUserId(context.GetHttpContext().User);
    }

    /// <summary>The user named by an authenticated principal (REST, WebSocket), or null.</summary>
    public static string? TryUserId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Identity.Name reads the claim type set as NameClaimType from JWT_USER_CLAIM.
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>The caller's roles (empty for anonymous calls).</summary>
    public static IReadOnlyList<string> Roles(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Roles(context.GetHttpContext().User);
    }

    /// <summary>The roles of an authenticated principal (REST, WebSocket, audit records): claims of its JWT_ROLE_CLAIM type.</summary>
    public static IReadOnlyList<string> Roles(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identities
            .Where(identity => identity.IsAuthenticated)
            .SelectMany(identity => identity.FindAll(identity.RoleClaimType))
            .Select(claim => claim.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when the caller's token carries <paramref name="role"/> (e.g. AUDIT_ADMIN_ROLE).</summary>
    public static bool IsInRole(ServerCallContext context, string role)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(role);
    }
}
