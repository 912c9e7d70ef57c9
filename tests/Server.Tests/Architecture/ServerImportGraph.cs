using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Tests.Architecture;

/// <summary>
/// The folder → folder import graph of src/Server, read from the C# sources: using directives (plain, static,
/// alias, global), global usings of the project file, fully-qualified names (<c>MedicalImaging.Server.X…</c>,
/// <c>global::…</c>) and names qualified from a parent namespace (<c>Providers.Local.X</c> inside
/// <c>MedicalImaging.Server.Reports</c>, which C# resolves to <c>MedicalImaging.Server.Providers</c>). Comments and
/// string literals are skipped. A folder is a top-level folder of src/Server; its files declare namespaces under
/// <c>MedicalImaging.Server.&lt;Folder&gt;</c> (<see cref="Misplaced"/> lists those that do not, since a namespace
/// declared in another folder would make its types visible there without any using).
/// </summary>
public sealed partial class ServerImportGraph
{
    public const string RootNamespace = "MedicalImaging.Server";

    private ServerImportGraph(
        IReadOnlyList<string> folders, IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> imports, IReadOnlyList<string> misplaced, int files)
    {
        Folders = folders;
        Imports = imports;
        Misplaced = misplaced;
        Files = files;
    }

    /// <summary>Top-level folders holding C# files, ordinal order.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Folder → imported folder → the files (relative paths) that import it.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> Imports { get; }

    /// <summary>Files whose namespace is not under <c>MedicalImaging.Server.&lt;their folder&gt;</c>.</summary>
    public IReadOnlyList<string> Misplaced { get; }

    /// <summary>How many C# files were read.</summary>
    public int Files { get; }

    public IEnumerable<string> ImportsOf(string folder) =>
        Imports.TryGetValue(folder, out var targets) ? targets.Keys : [];

    /// <summary>Pairs (a, b), a &lt; b, where a imports b and b imports a.</summary>
    public IReadOnlyList<(string A, string B)> TwoWayPairs() =>
        [.. from a in Folders
            from b in ImportsOf(a)
            where string.CompareOrdinal(a, b) < 0 && ImportsOf(b).Contains(a)
            select (a, b)];

    /// <summary>One line per folder: <c>Folder -> A, B, C</c>.</summary>
    public string Table() =>
        string.Join('\n', Folders.Select(f => $"{f,-14} -> {string.Join(", ", ImportsOf(f))}"));

    public static ServerImportGraph Read(string serverDirectory)
    {
        var files = Directory.EnumerateFiles(serverDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(serverDirectory, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var sources = files.ToDictionary(f => f, f => Code(File.ReadAllText(Path.Combine(serverDirectory, f))), StringComparer.Ordinal);
        var folders = files.Select(FolderOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

        // What a folder declares: its type names and sub-namespaces, to recognise "Providers.Local.X" as a reference.
        var declared = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var misplaced = new List<string>();
        foreach (var (file, code) in sources)
        {
            if (FolderOf(file) is not { } folder)
            {
                continue;
            }

            foreach (Match type in TypeDeclaration().Matches(code))
            {
                declared[folder].Add(type.Groups[1].Value);
            }

            foreach (Match ns in NamespaceDeclaration().Matches(code))
            {
                var segments = ns.Groups[1].Value.Split('.');
                if (segments.Length < 3 || segments[2] != folder || !ns.Groups[1].Value.StartsWith(RootNamespace + ".", StringComparison.Ordinal))
                {
                    misplaced.Add($"{file}: namespace {ns.Groups[1].Value}");
                }

                foreach (var segment in segments.Skip(3))
                {
                    declared[folder].Add(segment);
                }
            }
        }

        var globalUsings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in Directory.EnumerateFiles(serverDirectory, "*.csproj"))
        {
            foreach (Match use in ProjectUsing().Matches(File.ReadAllText(project)))
            {
                globalUsings.Add(use.Groups[1].Value);
            }
        }

        foreach (var (_, code) in sources)
        {
            foreach (Match use in GlobalUsing().Matches(code))
            {
                globalUsings.Add(use.Groups[1].Value);
            }
        }

        var imports = folders.ToDictionary(f => f, _ => new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal), StringComparer.Ordinal);
        void Add(string from, string to, string file)
        {
            if (from != to && imports.ContainsKey(to))
            {
                if (!imports[from].TryGetValue(to, out var list))
                {
                    imports[from][to] = list = new SortedSet<string>(StringComparer.Ordinal);
                }

                list.Add(file);
            }
        }

        foreach (var (file, code) in sources)
        {
            if (FolderOf(file) is not { } folder)
            {
                continue;
            }

            // A global using reaches every file of the project, so every folder imports what it names.
            foreach (var target in globalUsings)
            {
                Add(folder, target, file + " (global using)");
            }

            foreach (Match name in QualifiedName().Matches(code))
            {
                Add(folder, name.Groups[1].Value, file);
            }

            foreach (Match name in PartialName().Matches(code))
            {
                var (target, member) = (name.Groups[1].Value, name.Groups[2].Value);
                if (declared.TryGetValue(target, out var names) && names.Contains(member))
                {
                    Add(folder, target, $"{file} ({target}.{member})");
                }
            }
        }

        return new ServerImportGraph(folders, imports, misplaced, files.Count);
    }

    private static string? FolderOf(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : relativePath[..slash];
    }

    /// <summary>The source without comments and string literals (a type name in a message is no import).</summary>
    private static string Code(string source) => CommentOrString().Replace(source, m => m.Value.StartsWith('/') ? " " : "\"\"");

    [GeneratedRegex("""
        "{3,}[\s\S]*?"{3,}|//[^\n]*|/\*[\s\S]*?\*/|@"(?:[^"]|"")*"|\$?@?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)+'
        """)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct|delegate\s+\S+)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"global\s+using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?MedicalImaging\.Server\.(\w+)")]
    private static partial Regex GlobalUsing();

    [GeneratedRegex("""<Using\s+Include="MedicalImaging\.Server\.(\w+)""")]
    private static partial Regex ProjectUsing();

    [GeneratedRegex(@"\bMedicalImaging\s*\.\s*Server\s*\.\s*(\w+)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])(?<!\.\s+)\b([A-Z]\w*)\s*\.\s*([A-Z]\w*)")]
    private static partial Regex PartialName();
}
