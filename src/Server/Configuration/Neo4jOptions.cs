using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>Neo4j store settings (STORAGE_PROVIDER=neo4j), bound from the environment.</summary>
public sealed class Neo4jOptions
{
    /// <summary>HTTP(S) address of Neo4j, e.g. http://neo4j:7474. bolt:// and neo4j:// are refused (this store speaks HTTP).</summary>
    [ConfigurationKeyName("NEO4J_URI")]
    public string? Uri { get; set; }

    /// <summary>User for basic auth. Default neo4j.</summary>
    [ConfigurationKeyName("NEO4J_USER")]
    public string User { get; set; } = "neo4j";

    /// <summary>Password for basic auth.</summary>
    [ConfigurationKeyName("NEO4J_PASSWORD")]
    public string? Password { get; set; }

    /// <summary>Database name (Neo4j 4+). Default neo4j.</summary>
    [ConfigurationKeyName("NEO4J_DATABASE")]
    public string Database { get; set; } = "neo4j";

    /// <summary>
    /// Longest one Neo4j call may take, retries included (NEO4J_TIMEOUT_SECONDS). Default 30. A report write that
    /// has not finished by then goes to the local outbox, so an analysis never waits longer than this on the store.
    /// </summary>
    [ConfigurationKeyName("NEO4J_TIMEOUT_SECONDS")]
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Longest one HTTP attempt may take before it is abandoned and retried (NEO4J_ATTEMPT_TIMEOUT_SECONDS). Default 10.</summary>
    [ConfigurationKeyName("NEO4J_ATTEMPT_TIMEOUT_SECONDS")]
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of a Neo4j call after a refused connection, a 5xx or an attempt timeout (NEO4J_MAX_RETRIES). Default 2.</summary>
    [ConfigurationKeyName("NEO4J_MAX_RETRIES")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Longest wait between two tries to drain the local outbox into Neo4j (OUTBOX_RETRY_MAX_SECONDS). Default 30.</summary>
    [ConfigurationKeyName("OUTBOX_RETRY_MAX_SECONDS")]
    public double OutboxRetryMaxSeconds { get; set; } = 30;
}
