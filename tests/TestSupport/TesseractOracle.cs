using System.Diagnostics;
using OpenCvSharp;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// The `tesseract` command line (Debian's tesseract-ocr) as an independent reader of images: what it
/// reads in an outbound PNG, a provider's model could read too. The CLI alone misses text a vision model
/// reads at a glance (white glyphs over ultrasound speckle), so it is given the image several ways: as is
/// (page layout, psm 3, and sparse text, psm 11), upscaled 2x, and upscaled with only near-white or
/// near-black pixels kept (overlay glyphs apart from their background).
/// </summary>
public static class TesseractOracle
{
    /// <summary>Everything the CLI reads in <paramref name="png"/>, both modes, upper-cased.</summary>
    public static string Read(byte[] png)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(Run(png, "3")).AppendLine(Run(png, "11"));
        using var grey = Cv2.ImDecode(png, ImreadModes.Grayscale);
        using var up = grey.Resize(new Size(grey.Width * 2, grey.Height * 2), 0, 0, InterpolationFlags.Cubic);
        text.AppendLine(Run(up.ImEncode(".png"), "11"));
        using var bright = up.Threshold(200, 255, ThresholdTypes.Binary);
        text.AppendLine(Run(bright.ImEncode(".png"), "11"));
        using var dark = up.Threshold(50, 255, ThresholdTypes.Binary);
        text.AppendLine(Run(dark.ImEncode(".png"), "11"));
        return text.ToString().ToUpperInvariant();
    }

    /// <summary>The planted tokens the CLI can read in <paramref name="png"/>.</summary>
    public static IReadOnlyList<string> ReadableTokens(byte[] png, IEnumerable<string> tokens)
    {
        var text = Read(png);
        return tokens.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static string Run(byte[] png, string pageSegmentation)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medimg-ocr-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, png);
        try
        {
            return Run(path, pageSegmentation);
        }
        finally
        {
            File.Delete(path);
        }
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
