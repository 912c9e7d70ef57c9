namespace MedicalImaging.Dicom.Tests;

/// <summary>A temporary folder per test class and the helpers the de-identification tests share.</summary>
public sealed class DeidTestFiles : IDisposable
{
    /// <summary>A test key (never used outside tests).</summary>
    public static readonly byte[] Key = "medimg-test-key-0123456789"u8.ToArray();

    public DeidTestFiles()
    {
        Folder = Directory.CreateTempSubdirectory("medimg-deid-").FullName;
    }

    public string Folder { get; }

    /// <summary>De-identifies <paramref name="path"/>, writes the result and reads it back.</summary>
    public (DicomFile Output, DeidentificationResult Result, string Path) Run(string path, DeidentificationOptions options)
    {
        var file = DicomFile.Open(path);
        var result = new DicomDeidentifier(options).Deidentify(file);
        var output = System.IO.Path.Combine(Folder, System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".deid.dcm");
        DicomWriter.Write(file, output);
        return (DicomFile.Open(output), result, output);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
