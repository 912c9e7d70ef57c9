using System.Globalization;

namespace MedicalImaging.Tests.Support;

/// <summary>This process's resident memory from /proc/self/status, with the peak (VmHWM) resettable.</summary>
public static class ProcessMemory
{
    /// <summary>Resets VmHWM to the current RSS (writing 5 to /proc/self/clear_refs, Linux 4.0+).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>Current resident set (VmRSS), in MB.</summary>
    public static long ResidentMb() => Read("VmRSS:");

    /// <summary>Peak resident set since start or the last <see cref="ResetPeak"/> (VmHWM), in MB.</summary>
    public static long PeakMb() => Read("VmHWM:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
