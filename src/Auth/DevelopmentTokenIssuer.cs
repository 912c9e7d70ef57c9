using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Auth;

/// <summary>Mints HS256 bearer tokens for development and the embedded default (`medimg auth token`).</summary>
public static class DevelopmentTokenIssuer
{
    /// <summary>Creates a signed token whose <c>sub</c> is <paramref name="userId"/>.</summary>
    public static string Issue(byte[] key, string userId, TimeSpan lifetime, string? issuer, string? audience, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Issuer = string.IsNullOrEmpty(issuer) ? null : issuer,
            Audience = string.IsNullOrEmpty(audience) ? null : audience,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
