using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using MedicalImaging.Tests.Support.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Tests.Support.Oidc;

/// <summary>
/// An OpenID Connect provider as a resource server sees one (Keycloak, Entra ID, Okta): a real HTTP server with
/// /.well-known/openid-configuration naming a jwks_uri, whose key set the test changes at will (rotation), and
/// tokens signed with RS256 or ES256 keys carrying a kid.
/// </summary>
public sealed class FakeIdentityProvider : FakeHttpServer
{
    private volatile IReadOnlyList<IdentityProviderKey> _published = [];

    private FakeIdentityProvider()
    {
    }

    /// <summary>The issuer (iss) and authority: http://127.0.0.1:PORT.</summary>
    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    /// <summary>Times the key set was fetched.</summary>
    public int JwksRequests => Requests.Count(request => request.PathAndQuery.StartsWith("/jwks", StringComparison.Ordinal));

    /// <summary>Starts the provider publishing <paramref name="keys"/>.</summary>
    public static async Task<FakeIdentityProvider> StartAsync(params IdentityProviderKey[] keys)
    {
        var provider = new FakeIdentityProvider();
        provider.Publish(keys);
        await provider.StartListeningAsync();
        return provider;
    }

    /// <summary>Replaces the published key set (what a rotation at the identity provider does).</summary>
    public void Publish(params IdentityProviderKey[] keys) => _published = keys;

    /// <summary>A token signed by <paramref name="key"/> (published or not) for <paramref name="audience"/>.</summary>
    public string IssueToken(
        IdentityProviderKey key, string subject, string audience, TimeSpan? lifetime = null, string? issuer = null, IDictionary<string, object>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject)]),
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = claims,
            SigningCredentials = key.Credentials,
        });
    }

    protected override async Task HandleAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        switch (context.Request.Path.Value)
        {
            case "/.well-known/openid-configuration":
                await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["jwks_uri"] = Issuer + "/jwks",
                    ["authorization_endpoint"] = Issuer + "/authorize",
                    ["token_endpoint"] = Issuer + "/token",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
                }));
                break;
            case "/jwks":
                await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["keys"] = _published.Select(key => key.Jwk).ToArray(),
                }));
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}

/// <summary>A signing key of the fake identity provider with its kid, and its public JWK.</summary>
public sealed class IdentityProviderKey
{
    private IdentityProviderKey(string kid, SecurityKey key, string algorithm, Dictionary<string, string> jwk)
    {
        Kid = kid;
        Credentials = new SigningCredentials(key, algorithm);
        Jwk = jwk;
    }

    public string Kid { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public key as the JWKS publishes it.</summary>
    public IReadOnlyDictionary<string, string> Jwk { get; }

    /// <summary>An RSA 2048 key signing RS256.</summary>
    public static IdentityProviderKey Rsa(string kid)
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        return new IdentityProviderKey(kid, new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256, new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        });
    }

    /// <summary>A P-256 key signing ES256.</summary>
    public static IdentityProviderKey EcP256(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ec.ExportParameters(false);
        return new IdentityProviderKey(kid, new ECDsaSecurityKey(ec) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256, new Dictionary<string, string>
        {
            ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = kid, ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X), ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        });
    }
}
