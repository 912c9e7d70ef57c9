using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Server.Providers.Prompts;

/// <summary>
/// Prompts live in versioned files embedded in the assembly (Providers/Prompts/*.md); their SHA-256 is
/// recorded in each report's provenance so a report says exactly which prompt produced it.
/// </summary>
public static class PromptLibrary
{
    private static readonly ConcurrentDictionary<string, Prompt> Cache = new(StringComparer.Ordinal);

    /// <summary>The prompt named e.g. "vision-v2".</summary>
    public static Prompt Get(string name) => Cache.GetOrAdd(name, Load);

    private static Prompt Load(string name)
    {
        var assembly = typeof(PromptLibrary).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(r => r.EndsWith($".Prompts.{name}.md", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Prompt {name} is not embedded.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        return new Prompt(name, text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}

/// <summary>A prompt's name, text and SHA-256.</summary>
public sealed record Prompt(string Name, string Text, string Sha256);
