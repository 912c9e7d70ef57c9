using System.Diagnostics;
using System.Globalization;
using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom.Benchmarks;

/// <summary>Stopwatch timings (warm, best of several rounds) for ours, pydicom and dcmtk.</summary>
internal static class Timing
{
    private const string PydicomLoop = """
        import sys, time, pydicom
        path = sys.argv[1]
        def once():
            ds = pydicom.dcmread(path)
            a = ds.pixel_array
            return a
        once()
        best = 1e9; best_cpu = 1e9
        for _ in range(5):
            n = 0; t = time.perf_counter(); c = time.thread_time()
            while True:
                once(); n += 1
                if time.perf_counter() - t > 0.3: break
            best = min(best, (time.perf_counter() - t) / n)
            best_cpu = min(best_cpu, (time.thread_time() - c) / n)
        print(best * 1000, best_cpu * 1000)
        """;

    /// <summary>
    /// Parse + every frame: <see cref="DicomPixelDecoder.DecodeFrames"/> (frame-parallel when compressed), and one thread
    /// frame by frame (wall and thread CPU time).
    /// </summary>
    public static (string Syntax, double Milliseconds, double MegabytesPerSecond, double OneThreadMilliseconds, double OneThreadCpuMilliseconds) Ours(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var decoder = new DicomPixelDecoder();
        var (oneThread, oneThreadCpu) = BestWithCpu(() =>
        {
            var file = DicomFile.Parse(bytes);
            var frames = PixelDataInfo.FromFile(file).Frames;
            for (var f = 0; f < frames; f++)
            {
                decoder.DecodeFrame(file, f);
            }
        });
        var ms = Best(() => decoder.DecodeFrames(DicomFile.Parse(bytes)));
        var syntax = DicomFile.Parse(bytes).TransferSyntax.Name;
        return (syntax[..Math.Min(34, syntax.Length)], ms, bytes.Length / 1e6 / (ms / 1000), oneThread, oneThreadCpu);
    }

    public static (double Stored, double Float) UncompressedGigabytesPerSecond(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var file = DicomFile.Parse(bytes);
        var info = PixelDataInfo.FromFile(file);
        var pixelBytes = info.FrameBytes * info.Frames;
        var decoder = new DicomPixelDecoder();
        var stored = Best(() =>
        {
            var f = DicomFile.Parse(bytes);
            for (var i = 0; i < info.Frames; i++)
            {
                decoder.DecodeFrame(f, i);
            }
        });
        var image = new DicomImageDecoder();
        var floats = Best(() =>
        {
            for (var i = 0; i < info.Frames; i++)
            {
                image.Decode(bytes, new DecodeOptions { FrameIndex = i });
            }
        });
        return (pixelBytes / 1e9 / (stored / 1000), pixelBytes / 1e9 / (floats / 1000));
    }

    /// <summary>pydicom's best wall and thread-CPU milliseconds per dcmread + pixel_array.</summary>
    public static (double Wall, double Cpu) Pydicom(string path)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(PydicomLoop);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var parts = output.Trim().Split(' ');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var wall)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cpu)
            ? (wall, cpu)
            : (double.NaN, double.NaN);
    }

    public static double Dcm2Pnm(string path)
    {
        var output = Path.Combine(Path.GetTempPath(), "medimg-bench.pnm");
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(new ProcessStartInfo("dcm2pnm", ["--all-frames", path, output]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                return double.NaN; // dcmtk 3.6.7 has no JPEG 2000 / HTJ2K codec: a failed run is no time
            }

            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static (double Wall, double Cpu) BestWithCpu(Action action)
    {
        action();
        double best = double.MaxValue, bestCpu = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var n = 0;
            var cpu = ThreadCpuClock.Milliseconds();
            var sw = Stopwatch.StartNew();
            do
            {
                action();
                n++;
            }
            while (sw.ElapsedMilliseconds < 200);
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds / n);
            bestCpu = Math.Min(bestCpu, (ThreadCpuClock.Milliseconds() - cpu) / n);
        }

        return (best, bestCpu);
    }

    private static double Best(Action action)
    {
        action();
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var n = 0;
            var sw = Stopwatch.StartNew();
            do
            {
                action();
                n++;
            }
            while (sw.ElapsedMilliseconds < 200);
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds / n);
        }

        return best;
    }
}
