using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using MedicalImaging.Server.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MedicalImaging.Server.Security;

/// <summary>
/// What a signature check does not cover: the token's total lifetime (a stolen year-long token is a year-long
/// breach, so JWT_MAX_LIFETIME_MINUTES caps it), and roles nested in an object (Keycloak's realm_access.roles),
/// copied out as role claims so <see cref="ClaimsPrincipal.IsInRole"/> sees them.
/// </summary>
public static class JwtTokenChecks
{
    public static void Apply(TokenValidatedContext context, JwtOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("The bearer token is not a JWT.");
            return;
        }

        if (Check(context.Principal, token, options, time) is { } error)
        {
            context.Fail(error);
        }
    }

    /// <summary>Checks the lifetime and adds nested roles to <paramref name="principal"/>; answers why the token is refused, or null.</summary>
    public static string? Check(ClaimsPrincipal? principal, JsonWebToken token, JwtOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(options);
        if (LifetimeError(token, options.MaxLifetimeMinutes, time) is { } error)
        {
            return error;
        }

        if (options.RoleClaim.Contains('.', StringComparison.Ordinal) && principal?.Identity is ClaimsIdentity identity)
        {
            foreach (var role in NestedValues(token, options.RoleClaim))
            {
                identity.AddClaim(new Claim(identity.RoleClaimType, role));
            }
        }

        return null;
    }

    /// <summary>Why the token lives too long, or null. Lifetime runs from iat or nbf (the earlier), else from now.</summary>
    public static string? LifetimeError(JsonWebToken token, int maxLifetimeMinutes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(time);
        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _))
        {
            return "The bearer token has no exp (expiry).";
        }

        var starts = new[] { token.IssuedAt, token.ValidFrom }.Where(moment => moment != DateTime.MinValue).ToList();
        var start = starts.Count > 0 ? starts.Min() : time.GetUtcNow().UtcDateTime;
        var lifetime = token.ValidTo - start;
        return lifetime > TimeSpan.FromMinutes(maxLifetimeMinutes)
            ? string.Create(CultureInfo.InvariantCulture, $"The bearer token lives {lifetime.TotalMinutes:0} minutes; at most JWT_MAX_LIFETIME_MINUTES={maxLifetimeMinutes} are accepted.")
            : null;
    }

    /// <summary>The strings at a dotted path in the payload, e.g. realm_access.roles → ["admin", "clinician"].</summary>
    public static IReadOnlyList<string> NestedValues(JsonWebToken token, string path)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('.');
        if (!token.TryGetPayloadValue<JsonElement>(segments[0], out var element))
        {
            return [];
        }

        foreach (var segment in segments.Skip(1))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return [];
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array => element.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList(),
            _ => [],
        };
    }
}
