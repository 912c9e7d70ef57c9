using System.Globalization;

namespace MedicalImaging.Load;

/// <summary>
/// Reads the server's CPU time (/proc/PID/stat utime + stime) and resident memory (/proc/PID/status VmRSS,
/// VmHWM) and samples VmRSS every 20 ms, so a phase reports its server CPU per analysis and peak RSS.
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux build .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakRssKb;

    public ProcessSampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var rss = ReadStatusKb(_pid, "VmRSS:");
                if (rss > Interlocked.Read(ref _peakRssKb))
                {
                    Interlocked.Exchange(ref _peakRssKb, rss);
                }

                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Highest VmRSS seen since the last reset (MB).</summary>
    public double PeakRssMb => Interlocked.Read(ref _peakRssKb) / 1024.0;

    /// <summary>The kernel's high-water mark of the process's whole life (MB).</summary>
    public double HighWaterMb => ReadStatusKb(_pid, "VmHWM:") / 1024.0;

    public void ResetPeak() => Interlocked.Exchange(ref _peakRssKb, ReadStatusKb(_pid, "VmRSS:"));

    /// <summary>User + system CPU seconds the process has used.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_pid}/stat");
        // Fields after the command name (which may hold spaces) start at state: utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static long ReadStatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended.
        }

        return 0;
    }
}
