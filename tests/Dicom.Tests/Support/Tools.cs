using System.Diagnostics;

namespace MedicalImaging.Dicom.Tests;

/// <summary>Runs the real tools the tests use as oracles; a missing tool fails with the apt package to install.</summary>
internal static class Tools
{
    public const string Python = "/usr/bin/python3";

    private static readonly Dictionary<string, string> Packages = new()
    {
        ["dcmdump"] = "dcmtk", ["img2dcm"] = "dcmtk", ["dcmconv"] = "dcmtk", ["dcmcrle"] = "dcmtk", ["dcmcjpeg"] = "dcmtk", ["dcmcjpls"] = "dcmtk",
        ["dcmdjpeg"] = "dcmtk", ["dcm2pnm"] = "dcmtk", ["dcmodify"] = "dcmtk", ["dcmdjpls"] = "dcmtk", ["dcmdrle"] = "dcmtk", ["gdcmimg"] = "libgdcm-tools",
        ["gdcmconv"] = "libgdcm-tools", [Python] = "python3-pydicom python3-gdcm python3-numpy",
    };

    public static string RepoRoot { get; } = FindRoot();

    public static (int Exit, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        Require(tool);
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 120 s");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static void Require(string tool)
    {
        var found = tool.StartsWith('/') ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
        if (!found)
        {
            var package = Packages.GetValueOrDefault(tool, tool);
            throw new InvalidOperationException($"The test needs '{tool}': apt-get install {package}");
        }
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "scripts", "make-dicom-corpus.sh")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root (scripts/make-dicom-corpus.sh) not found");
    }
}
