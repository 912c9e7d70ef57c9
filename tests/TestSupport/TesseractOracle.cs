using System.Diagnostics;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// The `tesseract` command line (Debian's tesseract-ocr) as an independent reader of images: what it
/// reads in an outbound PNG, a provider's model could read too. Runs both its page layout (psm 3) and
/// sparse-text (psm 11) modes, since each finds text the other misses.
/// </summary>
public static class TesseractOracle
{
    /// <summary>Everything the CLI reads in <paramref name="png"/>, both modes, upper-cased.</summary>
    public static string Read(byte[] png)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medimg-ocr-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, png);
        try
        {
            return (Run(path, "3") + "\n" + Run(path, "11")).ToUpperInvariant();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The planted tokens the CLI can read in <paramref name="png"/>.</summary>
    public static IReadOnlyList<string> ReadableTokens(byte[] png, IEnumerable<string> tokens)
    {
        var text = Read(png);
        return tokens.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static string Run(string path, string pageSegmentation)
    {
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { path, "-", "--psm", pageSegmentation })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("tesseract is missing: run scripts/install-deps.sh (apt package tesseract-ocr).", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"tesseract failed: {stderr.Result}");
        }
    }
}
