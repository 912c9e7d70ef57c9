using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>Bearer token settings, bound from the environment.</summary>
public sealed class JwtOptions
{
    /// <summary>HS256 secret (≥ 32 bytes). Unset: a random key is created in the data directory.</summary>
    [ConfigurationKeyName("JWT_SECRET")]
    public string? Secret { get; set; }

    /// <summary>Required issuer (iss); unset: not checked.</summary>
    [ConfigurationKeyName("JWT_ISSUER")]
    public string? Issuer { get; set; }

    /// <summary>Required audience (aud); unset: not checked.</summary>
    [ConfigurationKeyName("JWT_AUDIENCE")]
    public string? Audience { get; set; }
}
