using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// The de-identification key: a secret the user supplies, or a random per-installation key kept in a 0600 file
/// in the user's data directory. Never a constant: anyone holding the key can recompute the UID mapping, so a key
/// everybody knows would let anyone re-link de-identified files to their originals by trying candidate UIDs.
/// </summary>
public static class DeidentificationKey
{
    /// <summary>Shortest secret accepted, in bytes.</summary>
    public const int MinimumLength = 16;

    /// <summary>Where the per-installation key lives: $XDG_DATA_HOME (or ~/.local/share)/medimg/deid.key.</summary>
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "medimg", "deid.key");

    /// <summary>The key bytes of a user-supplied secret (UTF-8).</summary>
    /// <exception cref="ArgumentException">Shorter than <see cref="MinimumLength"/> bytes.</exception>
    public static byte[] FromSecret(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length >= MinimumLength
            ? bytes
            : throw new ArgumentException($"the de-identification key must be at least {MinimumLength} bytes (got {bytes.Length})", nameof(secret));
    }

    /// <summary>
    /// Reads the per-installation key at <paramref name="path"/>, creating it (32 random bytes, hex, mode 0600 in a
    /// 0700 folder) when missing. A key file others can read is refused: the key is as sensitive as the originals.
    /// </summary>
    /// <returns>The key and whether it was created now.</returns>
    /// <exception cref="UnauthorizedAccessException">The file is readable or writable by group or others.</exception>
    public static (byte[] Key, bool Created) LoadOrCreate(string path)
    {
        var created = false;
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            created = TryCreate(path);
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & others) != 0)
            {
                throw new UnauthorizedAccessException($"the de-identification key file {path} is accessible to other users (mode {Convert.ToString((int)mode, 8)}); run chmod 600 on it");
            }
        }

        var text = File.ReadAllText(path).Trim();
        var key = text.Length >= MinimumLength * 2 && text.All(Uri.IsHexDigit)
            ? Convert.FromHexString(text)
            : throw new InvalidDataException($"the de-identification key file {path} does not hold a hex key of at least {MinimumLength} bytes");
        return (key, created);
    }

    private static bool TryCreate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) + "\n"));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // another process made it first: use theirs
        }
    }
}
