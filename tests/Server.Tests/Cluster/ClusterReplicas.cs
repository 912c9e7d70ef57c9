using MedicalImaging.Server.Tests.Storage;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>Settings of replicas that form one cluster: the test NATS (under one prefix), the test Neo4j, one signing key.</summary>
internal static class ClusterReplicas
{
    public static Dictionary<string, string> Settings(string prefix, double ackWaitSeconds = 30)
    {
        var (uri, user, password) = Neo4jTestServer.Settings();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CLUSTER_MODE"] = "nats",
            ["NATS_URL"] = NatsTestServer.Url(),
            ["NATS_PREFIX"] = prefix,
            ["NATS_JOB_ACK_WAIT_SECONDS"] = ackWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STORAGE_PROVIDER"] = "neo4j",
            ["NEO4J_URI"] = uri,
            ["NEO4J_USER"] = user,
            ["NEO4J_PASSWORD"] = password,
            // Replicas behind one load balancer accept each other's tokens: one signing key.
            ["JWT_SECRET"] = "cluster-jobs-test-secret-0123456789abcdef0123456789",
            ["JWT_ISSUER"] = "medimaging-cluster-test",
            ["JWT_AUDIENCE"] = "medimaging",
        };
    }

    /// <summary><paramref name="settings"/> plus <paramref name="more"/> (later wins), in the shape RunningServer takes.</summary>
    public static Dictionary<string, string?> With(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? more = null)
    {
        var all = settings.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return all;
    }
}
