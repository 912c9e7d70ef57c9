namespace MedicalImaging.Server.Tests;

/// <summary>
/// Tests that read this process's peak memory from /proc run alone: another test class's allocations in
/// the same window would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}
