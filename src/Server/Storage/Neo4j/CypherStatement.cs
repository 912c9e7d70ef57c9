namespace MedicalImaging.Server.Storage.Neo4j;

/// <summary>One Cypher statement with its parameters (never string-built from input).</summary>
public sealed record CypherStatement(string Text, IReadOnlyDictionary<string, object?> Parameters);
