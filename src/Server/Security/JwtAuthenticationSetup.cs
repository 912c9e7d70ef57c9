using MedicalImaging.Auth;
using MedicalImaging.Server.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Server.Security;

/// <summary>HS256 bearer tokens: JWT_SECRET or the local key in the data directory.</summary>
public static class JwtAuthenticationSetup
{
    public static IServiceCollection AddMedicalImagingAuthentication(this IServiceCollection services)
    {
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, IOptions<MedicalImagingOptions>>((bearer, jwt, server) =>
            {
                var key = SigningKeyStore.Resolve(jwt.Value.Secret, server.Value.ResolvedDataDirectory);
                bearer.MapInboundClaims = false;
                bearer.RequireHttpsMetadata = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new SymmetricSecurityKey(key),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuerSigningKey = true,
                    ValidateIssuer = !string.IsNullOrEmpty(jwt.Value.Issuer),
                    ValidIssuer = jwt.Value.Issuer,
                    ValidateAudience = !string.IsNullOrEmpty(jwt.Value.Audience),
                    ValidAudience = jwt.Value.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                };
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
                };
            });
        return services;
    }
}
