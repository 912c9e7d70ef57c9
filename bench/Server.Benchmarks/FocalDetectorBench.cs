using System.Diagnostics;
using System.Globalization;
using MedicalImaging.Server.Providers.Local;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// Sensitivity and false-positive rate of the local focal detector on generated phantoms:
/// dotnet run -c Release --project bench/Server.Benchmarks -- --focal-detector [COUNT] [CALIBRATION_SEED] [REPORT_SEED]
/// Prints one row per kind and seed (calibration seed first; report the other).
/// </summary>
internal static class FocalDetectorBench
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var calibration = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var report = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
        Console.WriteLine("| kind | seed | role | lesion images | found | sensitivity | lesion-free | false positives | FP rate | CPU s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (seed, role) in new[] { (calibration, "calibration"), (report, "reported") })
        {
            foreach (var kind in new[] { "chest", "ct" })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var score = FocalDetectorStudy.Run(kind, seed, count, Environment.ProcessorCount);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {seed} | {role} | {score.LesionImages} | {score.Found} | {score.Sensitivity:P1} | {score.CleanImages} | {score.FalsePositives} | {score.FalsePositiveRate:P1} | {used:0} |"));
            }
        }

        return 0;
    }
}
