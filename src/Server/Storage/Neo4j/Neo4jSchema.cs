namespace MedicalImaging.Server.Storage.Neo4j;

/// <summary>Uniqueness constraints and indexes, in the DDL dialect of the server's version; idempotent.</summary>
public static class Neo4jSchema
{
    private static readonly (string Name, string Label, string Property)[] Unique =
    [
        ("report_id", "Report", "id"), ("user_id", "User", "id"), ("image_id", "Image", "id"),
        ("anatomy_name", "Anatomy", "name"), ("condition_name", "Condition", "name"), ("citation_pmid", "Citation", "pmid"),
        ("finding_key", "Finding", "key"),
    ];

    public static IEnumerable<string> Statements(Version version)
    {
        foreach (var (name, label, property) in Unique)
        {
            yield return version.Major switch
            {
                // 3.x has no IF NOT EXISTS; re-creating an existing constraint is a no-op there.
                <= 3 => $"CREATE CONSTRAINT ON (n:{label}) ASSERT n.{property} IS UNIQUE",
                4 when version.Minor < 4 => $"CREATE CONSTRAINT {name} IF NOT EXISTS ON (n:{label}) ASSERT n.{property} IS UNIQUE",
                _ => $"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{property} IS UNIQUE",
            };
        }

        yield return version.Major <= 3
            ? "CREATE INDEX ON :Report(owner_id)"
            : "CREATE INDEX report_owner IF NOT EXISTS FOR (r:Report) ON (r.owner_id)";
    }
}
