using System.Diagnostics;

namespace MedicalImaging.Clients.Tests;

/// <summary>Runs the real medimg executable (the Cli project's build output) as a child process.</summary>
internal static class Medimg
{
    private static readonly string Dll = Locate();

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("MEDIMG_SERVER");
        start.Environment.Remove("MEDIMG_TOKEN");
        start.Environment.Remove("JWT_SECRET");
        start.Environment.Remove("MEDIMG_CA_CERT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedicalImaging.sln")))
        {
            directory = directory.Parent;
        }

        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("MedicalImaging.sln not found above the test directory."),
            "src", "Cli", "bin", configuration, "net10.0", "medimg.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Cli ({configuration}) first.");
    }
}
