namespace MedicalImaging.Auth;

/// <summary>Where the server keeps its data: MEDICAL_IMAGING_DATA_DIR, else ~/.local/share/medimaging.</summary>
public static class DataDirectory
{
    /// <summary>The environment variable that sets the data directory.</summary>
    public const string EnvironmentVariable = "MEDICAL_IMAGING_DATA_DIR";

    /// <summary>The configured directory, or the default one, as a full path.</summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(home))
        {
            home = Path.Combine(Path.GetTempPath(), "medimaging-home");
        }

        return Path.Combine(home, "medimaging");
    }
}
