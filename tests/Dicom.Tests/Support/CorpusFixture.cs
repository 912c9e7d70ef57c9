namespace MedicalImaging.Dicom.Tests;

/// <summary>Generates the synthetic corpus once per test run with scripts/make-dicom-corpus.sh (dcmtk + GDCM).</summary>
public sealed class CorpusFixture : IDisposable
{
    /// <summary>The native sources the script makes (m8, m12u, m12s, m16u, m16s, rgb8, rgb8p).</summary>
    public const int NativeSources = 7;

    /// <summary>
    /// Files every machine with dcmtk and GDCM gets: the 7 sources and 86 re-encodings (12 variants of each, less the
    /// two signed sources dcmcjpls refuses near-lossless, plus 4 JPEG baseline/extended). grk_compress adds 17 HTJ2K.
    /// </summary>
    public const int MinimumEntries = 93;

    public CorpusFixture()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "medimg-dicom-corpus-" + Guid.NewGuid().ToString("N"));
        var (exit, _, stderr) = Tools.Run("/bin/bash", System.IO.Path.Combine(Tools.RepoRoot, "scripts", "make-dicom-corpus.sh"), Directory);
        if (exit != 0)
        {
            throw new InvalidOperationException($"corpus generation failed ({exit}): {stderr} (apt-get install dcmtk libgdcm-tools)");
        }

        Entries = File.ReadAllLines(System.IO.Path.Combine(Directory, "manifest.tsv"))
            .Select(l => l.Split('\t'))
            .Select(c => new CorpusEntry(System.IO.Path.Combine(Directory, c[0]), c[1], c[2], c[3], c[4] == "1"))
            .ToList();
    }

    public string Directory { get; }

    public IReadOnlyList<CorpusEntry> Entries { get; }

    public string NativeOf(string baseName) => System.IO.Path.Combine(Directory, baseName + ".dcm");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
