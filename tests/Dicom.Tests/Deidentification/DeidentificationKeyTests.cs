namespace MedicalImaging.Dicom.Tests;

/// <summary>The per-installation key: random, kept 0600 in a 0700 folder, refused when others can read it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeidentificationKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medimg-deid-key-").FullName;

    [Fact]
    public void LoadOrCreate_Missing_CreatesRandomKeyOwnerOnlyAndReadsItBack()
    {
        var path = Path.Combine(_folder, "sub", "deid.key");
        var (key, created) = DeidentificationKey.LoadOrCreate(path);
        Assert.True(created);
        Assert.Equal(32, key.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        var (again, createdAgain) = DeidentificationKey.LoadOrCreate(path);
        Assert.False(createdAgain);
        Assert.Equal(key, again);
        var other = DeidentificationKey.LoadOrCreate(Path.Combine(_folder, "other", "deid.key")).Key;
        Assert.NotEqual(key, other); // random per installation, not a constant
    }

    [Fact]
    public void LoadOrCreate_ReadableByOthers_Refused()
    {
        var path = Path.Combine(_folder, "open.key");
        DeidentificationKey.LoadOrCreate(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var error = Assert.Throws<UnauthorizedAccessException>(() => DeidentificationKey.LoadOrCreate(path));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSecret_TooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => DeidentificationKey.FromSecret("short"));
        Assert.Equal(16, DeidentificationKey.FromSecret("sixteen-bytes-ok").Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
