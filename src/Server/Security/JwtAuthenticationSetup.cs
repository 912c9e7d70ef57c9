using MedicalImaging.Auth;
using MedicalImaging.Server.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Bearer tokens: RS256/ES256 from an OpenID Connect provider (JWT_AUTHORITY: discovery, then its JWKS, refetched
/// when a token names a key not seen yet), or HS256 with JWT_SECRET or the local key in the data directory.
/// </summary>
public static class JwtAuthenticationSetup
{
    /// <summary>What an identity provider may sign with: asymmetric algorithms only, so a public key can never be used as an HMAC secret.</summary>
    /// <summary>The IHttpClientFactory client of the identity provider's discovery document and JWKS.</summary>
    public const string OidcHttpClientName = "oidc";

    public static readonly IReadOnlyList<string> AuthorityAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>JWT_* settings (validated at start), bearer authentication, authorization and the per-user rate limiter.</summary>
    public static IServiceCollection AddMedicalImagingAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().BindSettings(configuration);
        services.AddSingleton<UserRateLimiter>();
        services.TryAddSingleton<IUserRateLimiter>(sp => sp.GetRequiredService<UserRateLimiter>());
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        // A named policy and scheme, not the application's default ones: a host that mounts the service keeps its own.
        services.AddAuthorization(authorization => authorization.AddPolicy(MedicalImagingAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(MedicalImagingAuthentication.Scheme)
            .RequireAuthenticatedUser()));
        services.AddHttpClient(OidcHttpClientName);
        services.AddAuthentication().AddJwtBearer(MedicalImagingAuthentication.Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(MedicalImagingAuthentication.Scheme)
            .Configure<IOptions<JwtOptions>, IOptions<MedicalImagingOptions>, TimeProvider, IHttpMessageHandlerFactory>((bearer, jwtOptions, server, time, handlers) =>
            {
                var jwt = jwtOptions.Value;
                bearer.MapInboundClaims = false;
                var parameters = new TokenValidationParameters
                {
                    ValidateIssuerSigningKey = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = jwt.UserClaim,
                    RoleClaimType = jwt.RoleClaim,
                };
                if (jwt.UsesAuthority)
                {
                    // The handler's ConfigurationManager fetches discovery + JWKS, refreshes them every 12 h, and
                    // (RefreshOnIssuerKeyNotFound) at most every 5 min when a token's kid is unknown: key rotation
                    // (SigningKeyRefresh then validates that token again instead of refusing it).
                    bearer.Authority = string.IsNullOrWhiteSpace(jwt.Authority) ? null : jwt.Authority;
                    bearer.MetadataAddress = string.IsNullOrWhiteSpace(jwt.MetadataAddress) ? null! : jwt.MetadataAddress;
                    bearer.RequireHttpsMetadata = jwt.RequireHttpsMetadataValue;
                    bearer.RefreshOnIssuerKeyNotFound = true;
                    // Discovery and JWKS fetches go out like every other call: a named client of IHttpClientFactory.
                    bearer.BackchannelHttpHandler = handlers.CreateHandler(OidcHttpClientName);
                    bearer.Audience = jwt.Audience;
                    parameters.ValidAlgorithms = AuthorityAlgorithms;
                    parameters.ValidateIssuer = true;
                    // Unset: the discovery document's issuer (which must equal the tokens' iss).
                    parameters.ValidIssuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? null : jwt.Issuer;
                    parameters.ValidateAudience = true;
                    parameters.ValidAudience = jwt.Audience;
                }
                else
                {
                    bearer.RequireHttpsMetadata = false;
                    parameters.IssuerSigningKey = new SymmetricSecurityKey(SigningKeyStore.Resolve(jwt.Secret, server.Value.ResolvedDataDirectory));
                    parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                    parameters.ValidateIssuer = !string.IsNullOrEmpty(jwt.Issuer);
                    parameters.ValidIssuer = jwt.Issuer;
                    parameters.ValidateAudience = !string.IsNullOrEmpty(jwt.Audience);
                    parameters.ValidAudience = jwt.Audience;
                }

                bearer.TokenValidationParameters = parameters;
                bearer.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on a WebSocket: the shim also takes ?token=.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/ws", StringComparison.Ordinal)
                            && context.Request.Query.TryGetValue("token", out var token) && !string.IsNullOrEmpty(token))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        JwtTokenChecks.Apply(context, jwt, time);
                        return Task.CompletedTask;
                    },
                    OnAuthenticationFailed = context => SigningKeyRefresh.RetryAsync(context, jwt, time),
                };
            });
        return services;
    }
}
