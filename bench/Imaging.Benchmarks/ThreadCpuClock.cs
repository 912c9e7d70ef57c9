using System.Runtime.InteropServices;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID): unlike wall time it does not grow
/// while another job holds the core, so it is the steadier guide on shared machines. NaN elsewhere.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        ClockGetTime(ThreadCpuTimeId, out var time);
        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
