namespace MedicalImaging.Tests.Support;

/// <summary>A server data directory kept across the restarts of one test (server processes share it), deleted at its end.</summary>
public sealed class TempDataDirectory : IDisposable
{
    /// <param name="prefix">Start of the folder's name under the temp directory (says which test made it).</param>
    public TempDataDirectory(string prefix = "medimg-process-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder.</summary>
    public string Path { get; }

    public void Dispose() => ServerProcess.DeleteDataDirectory(Path);
}
