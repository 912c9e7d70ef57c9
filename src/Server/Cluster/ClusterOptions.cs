using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// Scale-out settings, bound from the environment. CLUSTER_MODE=none (the default) is the embedded
/// single-process server, unchanged; nats runs this process as one replica of several sharing a NATS
/// JetStream server (jobs, events, checkpoints, images, rate limits) and a Neo4j report store.
/// The NATS_* names and forms are the ones the NATS tools use (nats CLI contexts, NATS_URL).
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Process-local state (none, default) or shared state on NATS JetStream (nats).</summary>
    [ConfigurationKeyName("CLUSTER_MODE")]
    public string Mode { get; set; } = "none";

    /// <summary>NATS server address(es), comma-separated, e.g. nats://nats:4222 or tls://nats:4222. Default nats://127.0.0.1:4222.</summary>
    [ConfigurationKeyName("NATS_URL")]
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>User for user/password auth, or null (no auth, or creds file). Goes with NATS_PASSWORD.</summary>
    [ConfigurationKeyName("NATS_USER")]
    public string? User { get; set; }

    /// <summary>Password for NATS_USER.</summary>
    [ConfigurationKeyName("NATS_PASSWORD")]
    public string? Password { get; set; }

    /// <summary>A .creds file (JWT + NKey seed, as `nsc` writes it), or null. Not together with NATS_USER.</summary>
    [ConfigurationKeyName("NATS_CREDS_FILE")]
    public string? CredsFile { get; set; }

    /// <summary>PEM CA bundle that signed the NATS server's certificate (TLS is then required), or null (system roots for tls://).</summary>
    [ConfigurationKeyName("NATS_TLS_CA")]
    public string? TlsCaFile { get; set; }

    /// <summary>PEM client certificate for mutual TLS, or null. Goes with NATS_TLS_KEY.</summary>
    [ConfigurationKeyName("NATS_TLS_CERT")]
    public string? TlsCertFile { get; set; }

    /// <summary>PEM private key of NATS_TLS_CERT.</summary>
    [ConfigurationKeyName("NATS_TLS_KEY")]
    public string? TlsKeyFile { get; set; }

    /// <summary>
    /// Seconds a replica may hold a job without a heartbeat before JetStream hands it to another replica
    /// (NATS_JOB_ACK_WAIT_SECONDS). A running replica sends a heartbeat every third of it, so this is how
    /// long a dead replica's analysis waits before it resumes elsewhere. Default 30.
    /// </summary>
    [ConfigurationKeyName("NATS_JOB_ACK_WAIT_SECONDS")]
    public double JobAckWaitSeconds { get; set; } = 30;

    /// <summary>Prefix of every stream, bucket and subject this server creates (NATS_PREFIX), so several deployments can share one NATS account. Default medimg.</summary>
    [ConfigurationKeyName("NATS_PREFIX")]
    public string Prefix { get; set; } = "medimg";

    /// <summary>True in nats mode.</summary>
    public bool Enabled => string.Equals(Mode, "nats", StringComparison.Ordinal);

    /// <summary>The ack wait as a span.</summary>
    public TimeSpan JobAckWait => TimeSpan.FromSeconds(JobAckWaitSeconds);
}
