using MedicalImaging.Server.Storage.Neo4j;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>The DDL dialect per Neo4j version (3.x runs for real in the storage tests; 4.x/5.x syntax is checked here).</summary>
public sealed class Neo4jSchemaTests
{
    [Theory]
    [InlineData("3.1.1", "CREATE CONSTRAINT ON (n:Condition) ASSERT n.name IS UNIQUE", "CREATE INDEX ON :Report(owner_id)")]
    [InlineData("4.2.0", "CREATE CONSTRAINT condition_name IF NOT EXISTS ON (n:Condition) ASSERT n.name IS UNIQUE", "CREATE INDEX report_owner IF NOT EXISTS FOR (r:Report) ON (r.owner_id)")]
    [InlineData("4.4.30", "CREATE CONSTRAINT condition_name IF NOT EXISTS FOR (n:Condition) REQUIRE n.name IS UNIQUE", "CREATE INDEX report_owner IF NOT EXISTS FOR (r:Report) ON (r.owner_id)")]
    [InlineData("5.26.0", "CREATE CONSTRAINT condition_name IF NOT EXISTS FOR (n:Condition) REQUIRE n.name IS UNIQUE", "CREATE INDEX report_owner IF NOT EXISTS FOR (r:Report) ON (r.owner_id)")]
    public void Statements_UseTheVersionsDialect(string version, string conditionConstraint, string ownerIndex)
    {
        var statements = Neo4jSchema.Statements(Version.Parse(version)).ToList();
        Assert.Contains(conditionConstraint, statements);
        Assert.Equal(ownerIndex, statements[^1]);
        Assert.Equal(8, statements.Count);
    }
}
