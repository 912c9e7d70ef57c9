using System.Diagnostics;

namespace MedicalImaging.Dicom.Benchmarks;

/// <summary>The benchmark corpus: scripts/make-dicom-corpus.sh --bench (512x512 16-bit CT-like, 4 frames; RGB; compressed variants).</summary>
internal static class BenchCorpus
{
    public static string Generate()
    {
        var dir = Path.Combine(Path.GetTempPath(), "medimg-dicom-bench");
        var script = Path.Combine(FindRoot(), "scripts", "make-dicom-corpus.sh");
        using var p = Process.Start("/bin/bash", [script, dir, "--bench"])!;
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("corpus generation failed (apt-get install dcmtk libgdcm-tools)");
        }

        return dir;
    }

    public static string[] Files(string dir) => File.ReadAllLines(Path.Combine(dir, "manifest.tsv"))
        .Select(l => Path.Combine(dir, l.Split('\t')[0]))
        .ToArray();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "scripts", "make-dicom-corpus.sh")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
