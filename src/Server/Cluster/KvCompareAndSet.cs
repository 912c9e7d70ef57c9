using System.Text.Json.Serialization.Metadata;
using NATS.Client.KeyValueStore;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// Read-change-write of one KV entry at the revision read: a concurrent writer makes the write fail and the change
/// is applied again to what it wrote, so no replica's change is lost.
/// </summary>
internal static class KvCompareAndSet
{
    /// <summary>Applies <paramref name="change"/> (null in: no entry; null out: delete it) and returns (before, after).</summary>
    public static async Task<(T? Before, T? After)> ChangeAsync<T>(INatsKVStore store, string key, JsonTypeInfo<T> type, Func<T?, T?> change, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var entry = await store.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
            var exists = entry.Success && entry.Value.Value is { Length: > 0 };
            var before = exists ? System.Text.Json.JsonSerializer.Deserialize(entry.Value.Value, type) : null;
            var after = change(before);
            try
            {
                if (after is null)
                {
                    if (exists)
                    {
                        await store.DeleteAsync(key, new NatsKVDeleteOpts { Revision = entry.Value.Revision }, cancellationToken);
                    }
                }
                else if (exists)
                {
                    await store.UpdateAsync(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(after, type), entry.Value.Revision, cancellationToken: cancellationToken);
                }
                else
                {
                    // Also when the key was deleted before (a tombstone): Create succeeds over a delete marker.
                    await store.CreateAsync(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(after, type), cancellationToken: cancellationToken);
                }

                return (before, after);
            }
            catch (Exception ex) when (ex is NatsKVWrongLastRevisionException or NatsKVCreateException)
            {
                // Someone wrote in between: apply the change to theirs.
            }
        }
    }
}
