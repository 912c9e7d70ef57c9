namespace MedicalImaging.Server.Security;

/// <summary>
/// The per-user limit on costly calls (RATE_LIMIT_REQUESTS_PER_MINUTE): in this process (the embedded default),
/// or counted in shared state so the limit holds across replicas (CLUSTER_MODE=nats).
/// </summary>
public interface IUserRateLimiter
{
    /// <summary>Takes one permit for <paramref name="userId"/>.</summary>
    /// <exception cref="Domain.RateLimitExceededException">The user has used up the minute's permits.</exception>
    ValueTask EnsureAllowedAsync(string userId, string operation, CancellationToken cancellationToken);
}
