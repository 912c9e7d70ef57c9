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
}
