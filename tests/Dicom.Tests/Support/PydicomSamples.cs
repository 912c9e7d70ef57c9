namespace MedicalImaging.Dicom.Tests;

/// <summary>Real sample files shipped by Debian's python3-pydicom.</summary>
internal static class PydicomSamples
{
    public const string TestFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
    public const string CharsetFiles = "/usr/lib/python3/dist-packages/pydicom/data/charset_files";

    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(TestFiles, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"pydicom sample {name} missing: apt-get install python3-pydicom");
        }

        return path;
    }
}
