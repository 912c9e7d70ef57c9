using System.Diagnostics;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>Runs a dcmtk tool on a file and returns its exit code, stdout and stderr (where dcmtk prints warnings).</summary>
internal static class DcmtkTools
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt package dcmtk).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
