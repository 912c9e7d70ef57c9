using System.Text.RegularExpressions;

using MedicalImaging.Tests.Support;

namespace MedicalImaging.Clients.Tests;

/// <summary>Real `medimg dicom deidentify` command lines over dcmtk-made files; dcmdump reads what it wrote.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class DicomDeidentifyCliTests : IDisposable
{
    private const string Key = "cli-test-key-0123456789";
    private const string Study = "1.2.826.0.1.3680043.99.55";
    private readonly string _work = Directory.CreateTempSubdirectory("medimg-deid-cli-").FullName;

    [Fact]
    public async Task DicomDeidentify_FolderWithKeyFromEnvironment_SameNewUidsAcrossFilesAndRunsAndWarnsIdentityNotRemoved()
    {
        var input = Directory.CreateDirectory(Path.Combine(_work, "in")).FullName;
        MakeDicom(input, "a.dcm", "(0010,0010)=DOE^JANE", "(0010,0020)=MRN-4471", "(0020,000D)=" + Study, "(0008,0060)=US", "(0028,0301)=NO");
        MakeDicom(Directory.CreateDirectory(Path.Combine(input, "series2")).FullName, "b.dcm", "(0010,0010)=DOE^JANE", "(0020,000D)=" + Study);
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not a DICOM file");

        var outOne = Path.Combine(_work, "out1");
        var (code, _, stderr) = await Medimg.RunAsync(Env(("MEDIMG_DEID_KEY", Key)), null, "dicom", "deidentify", input, outOne);
        Assert.True(code == 0, stderr);
        Assert.Contains("skipped", stderr, StringComparison.Ordinal);
        Assert.Contains("Patient Identity Removed = NO because modality US", stderr, StringComparison.Ordinal);
        Assert.Contains("Burned In Annotation (0028,0301) is absent", stderr, StringComparison.Ordinal);
        var dumpA = Dump(Path.Combine(outOne, "a.dcm"));
        var dumpB = Dump(Path.Combine(outOne, "series2", "b.dcm"));
        Assert.DoesNotContain("DOE", dumpA + dumpB, StringComparison.Ordinal);
        Assert.DoesNotContain(Study, dumpA + dumpB, StringComparison.Ordinal);
        Assert.Contains("PatientIdentityRemoved", dumpA, StringComparison.Ordinal);
        var study = StudyUid(dumpA);
        Assert.StartsWith("2.25.", study, StringComparison.Ordinal);
        Assert.Equal(study, StudyUid(dumpB));

        var outAgain = Path.Combine(_work, "out2");
        Assert.Equal(0, (await Medimg.RunAsync(Env(("MEDIMG_DEID_KEY", Key)), null, "dicom", "deidentify", input, outAgain)).ExitCode);
        Assert.Equal(study, StudyUid(Dump(Path.Combine(outAgain, "a.dcm"))));
        var outOther = Path.Combine(_work, "out3");
        Assert.Equal(0, (await Medimg.RunAsync(Env(("MEDIMG_DEID_KEY", "another-key-0123456789")), null, "dicom", "deidentify", input, outOther)).ExitCode);
        Assert.NotEqual(study, StudyUid(Dump(Path.Combine(outOther, "a.dcm"))));
    }

    [Fact]
    public async Task DicomDeidentify_NoKey_CreatesPerInstallationKeyOwnerOnlyAndReusesIt()
    {
        var file = MakeDicom(_work, "k.dcm", "(0020,000D)=" + Study);
        var data = Path.Combine(_work, "data");
        var env = Env(("HOME", _work), ("XDG_DATA_HOME", data));
        var first = await Medimg.RunAsync(env, null, "dicom", "deidentify", file, Path.Combine(_work, "k1.dcm"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("created a random per-installation de-identification key", first.Stderr, StringComparison.Ordinal);
        var keyFile = Path.Combine(data, "medimg", "deid.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var second = await Medimg.RunAsync(env, null, "dicom", "deidentify", file, Path.Combine(_work, "k2.dcm"));
        Assert.Contains("using the per-installation de-identification key", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(StudyUid(Dump(Path.Combine(_work, "k1.dcm"))), StudyUid(Dump(Path.Combine(_work, "k2.dcm"))));

        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var refused = await Medimg.RunAsync(env, null, "dicom", "deidentify", file, Path.Combine(_work, "k3.dcm"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("chmod 600", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "k3.dcm")));
    }

    [Fact]
    public async Task DicomDeidentify_BurnedInTextCheckedWithOptions_WritesYesAndTheOptionCodes()
    {
        var file = MakeDicom(_work, "opt.dcm", "(0008,0060)=US", "(0008,0020)=20240315", "(0008,1030)=CT CHEST W/O CONTRAST", "(0008,103E)=JANE DOE");
        var output = Path.Combine(_work, "opt.out.dcm");
        var (code, _, stderr) = await Medimg.RunAsync(Env(("MEDIMG_DEID_KEY", Key)), null, "dicom", "deidentify", file, output,
            "--burned-in-text-checked", "--retain-modified-dates", "--clean-descriptors");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("warning", stderr, StringComparison.Ordinal);
        var dump = Dump(output);
        Assert.Matches(@"\(0012,0062\) CS \[YES\]", dump);
        Assert.Contains("[113100]", dump, StringComparison.Ordinal);
        Assert.Contains("[113105]", dump, StringComparison.Ordinal);
        Assert.Contains("[113107]", dump, StringComparison.Ordinal);
        Assert.Contains("[CT CHEST W/O CONTRAST]", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("JANE", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("20240315", dump, StringComparison.Ordinal);
        Assert.Matches(@"\(0008,0020\) DA \[\d{8}\]", dump); // shifted, not emptied
    }

    [Fact]
    public async Task DicomDeidentify_ShortKey_ExitsWithUsageError()
    {
        var file = MakeDicom(_work, "s.dcm");
        var (code, _, stderr) = await Medimg.RunAsync(Env(), null, "dicom", "deidentify", file, Path.Combine(_work, "s.out.dcm"), "--key", "short");
        Assert.Equal(1, code);
        Assert.Contains("at least 16 bytes", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private Dictionary<string, string?> Env(params (string Name, string Value)[] values)
    {
        // Never the developer's own key or data folder.
        var env = new Dictionary<string, string?> { ["MEDIMG_DEID_KEY"] = null, ["HOME"] = _work, ["XDG_DATA_HOME"] = Path.Combine(_work, "xdg") };
        foreach (var (name, value) in values)
        {
            env[name] = value;
        }

        return env;
    }

    private static string MakeDicom(string folder, string name, params string[] assignments)
    {
        var path = TwoByTwoDicom.Write(folder, name);
        if (assignments.Length > 0)
        {
            Tool("dcmodify", [.. new[] { "-nb" }, .. assignments.SelectMany(a => new[] { "-i", a }), path]);
        }

        return path;
    }

    private static string Dump(string path) => Tool("dcmdump", "-q", path);

    private static string StudyUid(string dump) => StudyLine().Match(dump) is { Success: true } m ? m.Groups[1].Value : "";

    private static string Tool(string tool, params string[] args) => ExternalTool.Run(tool, args);

    [GeneratedRegex(@"\(0020,000d\) UI \[([0-9.]+)\]")]
    private static partial Regex StudyLine();
}
