using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Auth;

/// <summary>
/// The HS256 signing key: JWT_SECRET when set (at least 32 bytes), otherwise a random key created once
/// in the data directory (file <c>jwt-signing.key</c>, mode 0600) so the embedded default needs no
/// identity provider. No key ever lives in the repository.
/// </summary>
public static class SigningKeyStore
{
    /// <summary>The key file's name inside the data directory.</summary>
    public const string KeyFileName = "jwt-signing.key";

    /// <summary>Minimum key length in bytes (HS256 wants 256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Returns the key from <paramref name="jwtSecret"/>, or loads/creates the local key file.</summary>
    /// <exception cref="InvalidOperationException">JWT_SECRET is shorter than 32 bytes, or the key file is damaged.</exception>
    public static byte[] Resolve(string? jwtSecret, string dataDirectory)
    {
        if (!string.IsNullOrEmpty(jwtSecret))
        {
            var bytes = Encoding.UTF8.GetBytes(jwtSecret);
            if (bytes.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException(
                    $"JWT_SECRET is {bytes.Length} bytes long; it must be at least {MinimumKeyBytes} bytes.");
            }

            return bytes;
        }

        return LoadOrCreate(dataDirectory);
    }

    private static byte[] LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(64);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(key));
            }

            try
            {
                // Another process may have won the race: keep the first key so tokens stay valid.
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temp);
            }
        }

        try
        {
            var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length >= MinimumKeyBytes
                ? key
                : throw new InvalidOperationException($"The signing key in {path} is shorter than {MinimumKeyBytes} bytes.");
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"The signing key in {path} is not base64; delete it to create a new one.", ex);
        }
    }
}
