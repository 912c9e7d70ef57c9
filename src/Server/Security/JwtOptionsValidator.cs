using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Fails start-up with a message naming the bad JWT_* setting. A shared secret without issuer and audience
/// accepts a token minted for any other service that shares it, so both are required unless the operator says
/// JWT_ALLOW_ANY_ISSUER=true.
/// </summary>
public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.RequireHttpsMetadata) && !bool.TryParse(options.RequireHttpsMetadata, out _))
        {
            errors.Add($"JWT_REQUIRE_HTTPS_METADATA={options.RequireHttpsMetadata} must be true or false.");
        }

        if (!string.IsNullOrEmpty(options.AllowAnyIssuer) && !bool.TryParse(options.AllowAnyIssuer, out _))
        {
            errors.Add($"JWT_ALLOW_ANY_ISSUER={options.AllowAnyIssuer} must be true or false.");
        }

        if (options.MaxLifetimeMinutes is < 1 or > 525_600)
        {
            errors.Add($"JWT_MAX_LIFETIME_MINUTES={options.MaxLifetimeMinutes} must be 1..525600 (a year).");
        }

        if (options.UsesAuthority)
        {
            ValidateAuthority(options, errors);
        }
        else if (!string.IsNullOrEmpty(options.Secret) && !options.AllowAnyIssuerValue
            && (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience)))
        {
            var missing = string.Join(" and ", new[] { ("JWT_ISSUER", options.Issuer), ("JWT_AUDIENCE", options.Audience) }
                .Where(setting => string.IsNullOrWhiteSpace(setting.Item2)).Select(setting => setting.Item1));
            errors.Add($"JWT_SECRET is set without {missing}: a shared-secret token must name who issued it and for whom. "
                + "Set JWT_ISSUER and JWT_AUDIENCE to the values your token issuer writes into iss and aud, or JWT_ALLOW_ANY_ISSUER=true to accept any.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateAuthority(JwtOptions options, List<string> errors)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            errors.Add("JWT_AUTHORITY and JWT_SECRET are both set: use the identity provider's keys (JWT_AUTHORITY) or a shared secret (JWT_SECRET), not both.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("JWT_AUTHORITY needs JWT_AUDIENCE: the audience (aud) your identity provider writes into tokens for this API "
                + "(Keycloak: the client id or an audience mapper; Entra ID: the Application ID URI or client id; Okta: the authorization server's audience).");
        }

        foreach (var (variable, value) in new[] { ("JWT_AUTHORITY", options.Authority), ("JWT_METADATA_ADDRESS", options.MetadataAddress) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"{variable}={value} is not an http(s) URL such as https://login.example/realms/hospital.");
            }
            else if (uri.Scheme == "http" && options.RequireHttpsMetadataValue)
            {
                errors.Add($"{variable}={value} is not https: discovery and signing keys must come over TLS. "
                    + "Set JWT_REQUIRE_HTTPS_METADATA=false only for a test identity provider on this machine.");
            }
        }
    }
}
