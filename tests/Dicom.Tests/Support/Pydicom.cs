using System.Text.Json;

namespace MedicalImaging.Dicom.Tests;

/// <summary>Runs Oracles/pydicom_dump.py over files and returns its records.</summary>
internal static class Pydicom
{
    public static Dictionary<string, JsonElement> Dump(IEnumerable<string> files, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_dump.py");
        var (exit, stdout, stderr) = Tools.Run(Tools.Python, [script, outDir, .. files]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"pydicom oracle failed: {stderr} (apt-get install python3-pydicom python3-gdcm python3-numpy)");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("file").GetString()!);
    }
}
