using System.Security.Claims;
using MedicalImaging.Server.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MedicalImaging.Server.Security;

/// <summary>
/// Key rotation without a refused call. When a token names a kid the cached key set lacks, the JwtBearer handler
/// asks its configuration manager for a refresh, which runs in the background, and refuses that call: the first
/// caller after an identity provider starts signing with a new key would get UNAUTHENTICATED. This waits (up to
/// 2 s) for the refreshed key set and, when it holds the kid, validates the token again with the same parameters.
/// The manager refetches at most every 5 minutes, so tokens with made-up kids cost a short wait, not a fetch.
/// </summary>
public static class SigningKeyRefresh
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private const int MaxConcurrentWaits = 16;
    private static int s_waiting;

    public static async Task RetryAsync(AuthenticationFailedContext context, JwtOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException
            || context.Options.ConfigurationManager is not { } manager
            || BearerToken(context.Request) is not { } raw)
        {
            return;
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return;
        }

        if (string.IsNullOrEmpty(token.Kid) || Interlocked.Increment(ref s_waiting) > MaxConcurrentWaits)
        {
            Interlocked.Decrement(ref s_waiting);
            return;
        }

        try
        {
            manager.RequestRefresh();
            var configuration = await WaitForKeyAsync(manager, token.Kid, time, context.HttpContext.RequestAborted);
            if (configuration is null)
            {
                return;
            }

            var parameters = context.Options.TokenValidationParameters.Clone();
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            if (string.IsNullOrEmpty(parameters.ValidIssuer) && parameters.ValidIssuers is null)
            {
                parameters.ValidIssuer = configuration.Issuer;
            }

            var handler = context.Options.TokenHandlers.FirstOrDefault() ?? new JsonWebTokenHandler { MapInboundClaims = false };
            var result = await handler.ValidateTokenAsync(raw, parameters);
            if (!result.IsValid || result.ClaimsIdentity is null)
            {
                return;
            }

            var principal = new ClaimsPrincipal(result.ClaimsIdentity);
            if (JwtTokenChecks.Check(principal, token, options, time) is { } error)
            {
                context.Fail(error);
                return;
            }

            context.Principal = principal;
            context.Success();
        }
        catch (OperationCanceledException)
        {
            // The caller went away while waiting: the call stays refused.
        }
        finally
        {
            Interlocked.Decrement(ref s_waiting);
        }
    }

    private static async Task<OpenIdConnectConfiguration?> WaitForKeyAsync(
        Microsoft.IdentityModel.Protocols.IConfigurationManager<OpenIdConnectConfiguration> manager, string kid, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + MaxWait;
        while (true)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            if (configuration.SigningKeys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal)))
            {
                return configuration;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments("/ws", StringComparison.Ordinal) && request.Query.TryGetValue("token", out var token) && !string.IsNullOrEmpty(token)
            ? token.ToString()
            : null;
    }
}
