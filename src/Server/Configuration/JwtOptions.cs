using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>
/// Bearer token settings, bound from the environment. Three modes: JWT_AUTHORITY (OpenID Connect: RS256/ES256
/// tokens checked against the identity provider's published keys), JWT_SECRET (HS256 shared secret; issuer and
/// audience required), or neither (HS256 with a random key in the data directory, for one machine).
/// </summary>
public sealed class JwtOptions
{
    /// <summary>Default of <see cref="MaxLifetimeMinutes"/>: one day.</summary>
    public const int DefaultMaxLifetimeMinutes = 1440;

    private string _userClaim = "sub";
    private string _roleClaim = "roles";

    /// <summary>HS256 secret (≥ 32 bytes). Unset (and no authority): a random key is created in the data directory.</summary>
    [ConfigurationKeyName("JWT_SECRET")]
    public string? Secret { get; set; }

    /// <summary>Required issuer (iss). Required with JWT_SECRET; with JWT_AUTHORITY the discovery document's issuer is used.</summary>
    [ConfigurationKeyName("JWT_ISSUER")]
    public string? Issuer { get; set; }

    /// <summary>Required audience (aud). Required with JWT_SECRET and with JWT_AUTHORITY.</summary>
    [ConfigurationKeyName("JWT_AUDIENCE")]
    public string? Audience { get; set; }

    /// <summary>
    /// OpenID Connect issuer URL (e.g. https://keycloak.example/realms/hospital). Its
    /// /.well-known/openid-configuration names the JWKS whose keys sign the tokens; keys are refetched on rotation.
    /// </summary>
    [ConfigurationKeyName("JWT_AUTHORITY")]
    public string? Authority { get; set; }

    /// <summary>Discovery document URL when it is not at the authority's /.well-known/openid-configuration.</summary>
    [ConfigurationKeyName("JWT_METADATA_ADDRESS")]
    public string? MetadataAddress { get; set; }

    /// <summary>Discovery and keys only over https (true or false). Default true; false only for a loopback or test identity provider.</summary>
    [ConfigurationKeyName("JWT_REQUIRE_HTTPS_METADATA")]
    public string? RequireHttpsMetadata { get; set; }

    /// <summary>true: with JWT_SECRET, accept tokens of any issuer and audience (the pre-OIDC behaviour). Default false.</summary>
    [ConfigurationKeyName("JWT_ALLOW_ANY_ISSUER")]
    public string? AllowAnyIssuer { get; set; }

    /// <summary>Longest accepted token lifetime in minutes (exp − iat, or exp − nbf); a token without exp is refused. Default 1440.</summary>
    [ConfigurationKeyName("JWT_MAX_LIFETIME_MINUTES")]
    public int MaxLifetimeMinutes { get; set; } = DefaultMaxLifetimeMinutes;

    /// <summary>Claim naming the user (owner of reports). Default (also when empty) sub; e.g. oid for Entra ID.</summary>
    [ConfigurationKeyName("JWT_USER_CLAIM")]
    public string UserClaim
    {
        get => _userClaim;
        set => _userClaim = string.IsNullOrWhiteSpace(value) ? "sub" : value.Trim();
    }

    /// <summary>
    /// Claim carrying the user's roles. Default (also when empty) roles (Entra ID app roles, Okta with a roles claim); a dotted path
    /// reads a nested array, e.g. realm_access.roles (Keycloak realm roles).
    /// </summary>
    [ConfigurationKeyName("JWT_ROLE_CLAIM")]
    public string RoleClaim
    {
        get => _roleClaim;
        set => _roleClaim = string.IsNullOrWhiteSpace(value) ? "roles" : value.Trim();
    }

    /// <summary>True when tokens come from an OpenID Connect provider.</summary>
    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);

    /// <summary>JWT_REQUIRE_HTTPS_METADATA as a boolean (validation rejects other values).</summary>
    public bool RequireHttpsMetadataValue => !bool.TryParse(RequireHttpsMetadata, out var value) || value;

    /// <summary>JWT_ALLOW_ANY_ISSUER as a boolean (validation rejects other values).</summary>
    public bool AllowAnyIssuerValue => bool.TryParse(AllowAnyIssuer, out var value) && value;
}
