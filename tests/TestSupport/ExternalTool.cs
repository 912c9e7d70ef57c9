using System.ComponentModel;
using System.Diagnostics;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// Runs a command-line tool the tests make their inputs with (dcmtk's img2dcm, dcmodify, dcmdump; GDCM): one place
/// that reads stdout and stderr together (a full pipe never stalls the tool) and fails naming what to install.
/// </summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="args"/> and answers its stdout.</summary>
    /// <exception cref="InvalidOperationException">The tool is missing or exited non-zero (the message holds its stderr).</exception>
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is missing: run scripts/install-deps.sh (apt packages dcmtk, libgdcm-tools).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr}");
        }
    }
}
