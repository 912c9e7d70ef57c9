namespace MedicalImaging.Server.Tests.Storage;

/// <summary>Tests that share the one Neo4j test database run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Neo4jCollection
{
    public const string Name = "neo4j";
}
