namespace MedicalImaging.Server.Tests.Isolation;

/// <summary>Tests that change the process's environment variables: they run alone, so the change cannot reach a
/// test that starts something which does read the environment (a child process, the CLI).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
