using Xunit.Abstractions;

namespace MedicalImaging.Server.Tests.Architecture;

/// <summary>
/// The folders of src/Server form a one-way graph: the domain model imports nothing of the server, and no two
/// folders import each other (either could then not change without the other).
/// </summary>
public sealed class FolderImportTests(ITestOutputHelper output)
{
    private static readonly Lazy<ServerImportGraph> Graph = new(() => ServerImportGraph.Read(ServerDirectory()));

    [Fact]
    public void DomainFolder_ImportsNoOtherServerFolder()
    {
        output.WriteLine(Graph.Value.Table());
        Assert.Contains("Domain", Graph.Value.Folders);
        var imports = Graph.Value.Imports["Domain"];
        Assert.True(imports.Count == 0,
            "Domain imports " + string.Join("; ", imports.Select(i => $"{i.Key} ({string.Join(", ", i.Value)})")));
    }

    [Fact]
    public void ServerFolders_NoTwoImportEachOther()
    {
        var graph = Graph.Value;
        output.WriteLine(graph.Table());
        var pairs = graph.TwoWayPairs();
        Assert.True(pairs.Count == 0, "Folders that import each other:\n" + string.Join('\n', pairs.Select(p =>
            $"{p.A} <-> {p.B}: {p.A} -> {p.B} in {string.Join(", ", graph.Imports[p.A][p.B])}; {p.B} -> {p.A} in {string.Join(", ", graph.Imports[p.B][p.A])}")));
        // Read enough to mean something: every folder with code, hundreds of files.
        Assert.True(graph.Files > 200, $"only {graph.Files} files read");
        Assert.Contains("Pipeline", graph.Folders);
    }

    [Fact]
    public void ServerFiles_DeclareNamespacesOfTheirFolder()
    {
        // The graph maps namespaces to folders; a namespace declared in another folder would hide an import.
        Assert.Empty(Graph.Value.Misplaced);
    }

    [Fact]
    public void Read_SampleSources_SeesEveryKindOfImportAndSkipsCommentsAndStrings()
    {
        var root = Directory.CreateTempSubdirectory("import-graph-");
        try
        {
            void Write(string path, string text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root.FullName, path))!);
                File.WriteAllText(Path.Combine(root.FullName, path), text);
            }

            Write("Alpha/A.cs", "using MedicalImaging.Server.Beta;\nnamespace MedicalImaging.Server.Alpha;\npublic sealed class A { }\n");
            Write("Beta/B.cs", "namespace MedicalImaging.Server.Beta;\npublic sealed class B { global::MedicalImaging.Server.Gamma.G? g; }\n");
            Write("Gamma/G.cs", "namespace MedicalImaging.Server.Gamma;\npublic sealed record G { public int X() { return Delta.Inner.D.Value; } }\n");
            Write("Delta/Inner/D.cs", "namespace MedicalImaging.Server.Delta.Inner;\npublic static class D { public const int Value = 1; }\n");
            Write("Epsilon/E.cs", "global using static MedicalImaging.Server.Delta.Inner.D;\nnamespace MedicalImaging.Server.Epsilon;\n"
                + "// using MedicalImaging.Server.Alpha;\n/* MedicalImaging.Server.Beta */\npublic sealed class E { string s = \"MedicalImaging.Server.Gamma\"; }\n");
            Write("Zeta/Z.cs", "using Alias = MedicalImaging.Server.Alpha.A;\nnamespace MedicalImaging.Server.Hosting;\npublic sealed class Z { }\n");

            var graph = ServerImportGraph.Read(root.FullName);

            output.WriteLine(graph.Table());
            Assert.Equal(["Beta", "Delta"], graph.ImportsOf("Alpha"));
            Assert.Equal(["Delta", "Gamma"], graph.ImportsOf("Beta"));
            Assert.Equal(["Delta"], graph.ImportsOf("Gamma"));
            Assert.Equal([], graph.ImportsOf("Delta"));
            Assert.Equal(["Delta"], graph.ImportsOf("Epsilon"));
            Assert.Equal(["Alpha", "Delta"], graph.ImportsOf("Zeta"));
            Assert.Equal(["Zeta/Z.cs: namespace MedicalImaging.Server.Hosting"], graph.Misplaced);
            Assert.Empty(graph.TwoWayPairs());

            Write("Delta/Back.cs", "namespace MedicalImaging.Server.Delta;\npublic sealed class Back { MedicalImaging.Server.Alpha.A? a; }\n");
            Assert.Equal([("Alpha", "Delta")], ServerImportGraph.Read(root.FullName).TwoWayPairs());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static string ServerDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("MedicalImaging.sln not found above the test directory."), "src", "Server");
    }
}
