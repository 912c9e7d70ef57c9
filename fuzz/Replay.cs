using System.Diagnostics;
using MedicalImaging.Fuzz.Targets;

namespace MedicalImaging.Fuzz;

/// <summary>Runs saved inputs (a crash, a hang, a corpus) through a target and says what escaped and how long each took.</summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> files)
    {
        var failures = 0;
        foreach (var file in files)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok    {Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:F1} ms  {file}");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"FAIL  {Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:F1} ms  {file}\n{ex}");
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
