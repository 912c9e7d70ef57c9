namespace MedicalImaging.Server.Tests.Storage;

/// <summary>
/// Where the real Neo4j of the tests is: NEO4J_TEST_URI/USER/PASSWORD, or the env file written by
/// scripts/neo4j-test-server.sh. Absent → the tests fail saying how to start it (CI always starts it).
/// </summary>
internal static class Neo4jTestServer
{
    public static (string Uri, string User, string Password) Settings()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        var file = directory is null ? null : Path.Combine(directory.FullName, ".tools", "neo4j", "env");
        if (file is not null && File.Exists(file))
        {
            foreach (var line in File.ReadAllLines(file).Where(l => l.Contains('=', StringComparison.Ordinal)))
            {
                values[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
        }

        string Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
            : values.TryGetValue(name, out var fromFile) ? fromFile
            : throw new InvalidOperationException($"{name} is not set and no Neo4j test server was found: run `bash scripts/neo4j-test-server.sh` (scripts/test.sh does).");
        return (Get("NEO4J_TEST_URI"), Get("NEO4J_TEST_USER"), Get("NEO4J_TEST_PASSWORD"));
    }
}
