using MedicalImaging.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Tests.Support;

/// <summary>Tokens carrying role claims (as an identity provider issues them: a "roles" array), signed with the server's key.</summary>
public static class RoleTokens
{
    public static string Issue(RunningServer server, string userId, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.Settings.TryGetValue("JWT_SECRET", out var secret);
        var key = SigningKeyStore.Resolve(secret, server.DataDirectory);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["roles"] = roles },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
