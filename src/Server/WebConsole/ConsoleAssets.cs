using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

// Not "...Server.Console": a namespace of that name would shadow System.Console in all of MedicalImaging.Server.*.
namespace MedicalImaging.Server.WebConsole;

/// <summary>
/// The console's files, embedded as resources named <c>console/&lt;relative path&gt;</c> (see Server.csproj)
/// and read once at start: a few tens of kilobytes, served from memory with a content hash as ETag.
/// </summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "console/";
    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> assets) => _assets = assets;

    public static ConsoleAssets Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            assets[path] = new ConsoleAsset(content, contentType, tag);
        }

        return new ConsoleAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The asset at a path relative to the console root, or null.</summary>
    public ConsoleAsset? Find(string path) => _assets.GetValueOrDefault(path);
}
