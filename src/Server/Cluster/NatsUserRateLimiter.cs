using System.Text.Json;
using MedicalImaging.Server.Common;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Security;
using Microsoft.Extensions.Options;
using NATS.Client.KeyValueStore;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// RATE_LIMIT_REQUESTS_PER_MINUTE across every replica: each user's permits of the last minute are one KV entry,
/// changed only at the revision read (compare-and-set), so two replicas granting at once cannot both take the
/// last permit. An exact sliding window: the refusal says when the oldest permit leaves it.
/// </summary>
public sealed class NatsUserRateLimiter : IUserRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ClusterLayout _layout;
    private readonly TimeProvider _time;
    private readonly int _permits;

    public NatsUserRateLimiter(ClusterLayout layout, TimeProvider time, IOptions<MedicalImagingOptions> options)
    {
        _layout = layout;
        _time = time;
        _permits = options.Value.RateLimitRequestsPerMinute;
    }

    public async ValueTask EnsureAllowedAsync(string userId, string operation, CancellationToken cancellationToken)
    {
        var handles = await _layout.ReadyAsync(cancellationToken);
        var key = NatsKeys.Hash(userId);
        while (true)
        {
            var entry = await handles.RateLimits.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
            var exists = entry.Success && entry.Value.Value is { Length: > 0 };
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var since = now - (long)Window.TotalMilliseconds;
            var granted = exists
                ? JsonSerializer.Deserialize(entry.Value.Value, ClusterJsonContext.Default.RateWindow)!.Granted.Where(t => t > since).ToList()
                : [];
            if (granted.Count >= _permits)
            {
                var retryAfter = TimeSpan.FromMilliseconds(Math.Max(1000, granted[granted.Count - _permits] - since));
                throw new RateLimitExceededException(
                    $"Rate limit exceeded for {operation}: at most RATE_LIMIT_REQUESTS_PER_MINUTE costly calls a minute per user (on all replicas together). Retry in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
                    retryAfter);
            }

            granted.Add(now);
            var value = JsonSerializer.SerializeToUtf8Bytes(new RateWindow(granted), ClusterJsonContext.Default.RateWindow);
            try
            {
                if (exists)
                {
                    await handles.RateLimits.UpdateAsync(key, value, entry.Value.Revision, cancellationToken: cancellationToken);
                }
                else
                {
                    await handles.RateLimits.CreateAsync(key, value, cancellationToken: cancellationToken);
                }

                return;
            }
            catch (Exception ex) when (ex is NatsKVWrongLastRevisionException or NatsKVCreateException)
            {
                // Another replica granted a permit to this user since the read: count again.
            }
        }
    }
}
