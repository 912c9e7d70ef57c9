using System.Security.Claims;
using MedicalImaging.Server.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Server.Tests.Security;

/// <summary>Lifetime cap and nested role claims, on tokens as identity providers write them.</summary>
public sealed class JwtTokenChecksTests
{
    private static readonly byte[] Key = new byte[32];

    [Fact]
    public void NestedValues_KeycloakRealmAccessRoles_ReadsArray()
    {
        var token = Token(new Dictionary<string, object>
        {
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "audit-admin", "clinician" } },
        });

        Assert.Equal(["audit-admin", "clinician"], JwtTokenChecks.NestedValues(token, "realm_access.roles"));
        Assert.Empty(JwtTokenChecks.NestedValues(token, "resource_access.medimaging.roles"));
    }

    [Fact]
    public void LifetimeError_NoExpiry_Refused()
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var raw = handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "u")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });

        Assert.Equal("The bearer token has no exp (expiry).", JwtTokenChecks.LifetimeError(new JsonWebToken(raw), 60, TimeProvider.System));
    }

    [Fact]
    public void LifetimeError_IssuedLongAgoStillValid_MeasuredFromIat()
    {
        var now = DateTime.UtcNow;
        var raw = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "u")]),
            IssuedAt = now.AddHours(-3),
            NotBefore = now.AddHours(-3),
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });

        Assert.Contains("JWT_MAX_LIFETIME_MINUTES=120", JwtTokenChecks.LifetimeError(new JsonWebToken(raw), 120, TimeProvider.System), StringComparison.Ordinal);
        Assert.Null(JwtTokenChecks.LifetimeError(new JsonWebToken(raw), 240, TimeProvider.System));
    }

    private static JsonWebToken Token(Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new JsonWebToken(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "u")]),
            Claims = claims,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        }));
    }
}
