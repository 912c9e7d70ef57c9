namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// Where the real NATS server (JetStream on) of the tests is: NATS_TEST_URL, or the env file written by
/// scripts/nats-test-server.sh (scripts/test.sh starts it). Absent → the tests fail saying how to start it.
/// Each test works under its own NATS_PREFIX, so tests sharing the server never see each other's streams.
/// </summary>
internal static class NatsTestServer
{
    public static string Url()
    {
        if (Environment.GetEnvironmentVariable("NATS_TEST_URL") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        var file = directory is null ? null : Path.Combine(directory.FullName, ".tools", "nats", "env");
        var line = file is not null && File.Exists(file)
            ? File.ReadAllLines(file).FirstOrDefault(l => l.StartsWith("NATS_TEST_URL=", StringComparison.Ordinal))
            : null;
        return line?["NATS_TEST_URL=".Length..]
            ?? throw new InvalidOperationException("NATS_TEST_URL is not set and no NATS test server was found: run `bash scripts/nats-test-server.sh` (scripts/test.sh does).");
    }

    /// <summary>A NATS_PREFIX no other test uses.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
