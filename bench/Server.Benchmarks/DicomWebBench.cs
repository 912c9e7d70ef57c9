using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using MedicalImaging.Dicom;
using MedicalImaging.Tests.Support;
using OpenCvSharp;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// DICOMweb throughput (not a test): an in-process server (real Kestrel, real SQLite index and image store), N native
/// 512×512 8-bit instances (dcmtk img2dcm once, then new UIDs written by our DicomWriter) stored with STOW-RS in
/// requests of B instances, then retrieved with WADO-RS: the whole study in one multipart response, and instance by
/// instance. Prints instances/s by wall clock and the process CPU seconds (server and client share the process).
/// </summary>
public static class DicomWebBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        var baseFile = DicomFile.Parse(BaseInstance());
        const string study = "1.2.826.0.1.3680043.8.498.900";
        var instances = Enumerable.Range(0, count).Select(i => WithUids(baseFile, study, $"{study}.{i / 100}", $"{study}.{i / 100}.{i}")).ToList();
        Console.WriteLine($"{count} instances of {instances[0].Length / 1024} KiB, STOW batches of {batch}");

        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["USER_STORAGE_QUOTA_MB"] = "0",
            ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.IssueToken("bench"));

        var (wall, cpu) = await MeasureAsync(async () =>
        {
            for (var i = 0; i < count; i += batch)
            {
                var content = new MultipartContent("related", "bench-boundary");
                content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
                foreach (var part in instances.Skip(i).Take(batch))
                {
                    var body = new ByteArrayContent(part);
                    body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                    content.Add(body);
                }

                using var response = await http.PostAsync("/dicomweb/studies", content);
                response.EnsureSuccessStatusCode();
            }
        });
        Report("STOW-RS store", count, wall, cpu);

        (wall, cpu) = await MeasureAsync(async () =>
        {
            using var response = await http.GetAsync($"/dicomweb/studies/{study}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
        });
        Report("WADO-RS study (one multipart)", count, wall, cpu);

        (wall, cpu) = await MeasureAsync(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                using var response = await http.GetAsync($"/dicomweb/studies/{study}/series/{study}.{i / 100}/instances/{study}.{i / 100}.{i}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }
        });
        Report("WADO-RS instance by instance", count, wall, cpu);

        (wall, cpu) = await MeasureAsync(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                using var response = await http.GetAsync($"/dicomweb/studies?limit=10&PatientID=BENCH&StudyDate=20240101-20241231");
                response.EnsureSuccessStatusCode();
            }
        });
        Report("QIDO-RS study search", 20, wall, cpu);
        return 0;
    }

    private static byte[] BaseInstance()
    {
        var directory = Directory.CreateTempSubdirectory("medimg-dicomweb-bench-").FullName;
        try
        {
            using var grey = Cv2.ImDecode(TestImages.ChestPhantomPng(512), ImreadModes.Grayscale);
            var bmp = Path.Combine(directory, "in.bmp");
            var dcm = Path.Combine(directory, "out.dcm");
            Cv2.ImWrite(bmp, grey);
            using (var img2dcm = Process.Start("img2dcm", ["-i", "BMP", bmp, dcm])!)
            {
                img2dcm.WaitForExit();
            }

            using (var modify = Process.Start("dcmodify", ["-nb", "-i", "(0010,0020)=BENCH", "-i", "(0008,0020)=20240601", "-i", "(0008,0060)=CR", dcm])!)
            {
                modify.WaitForExit();
            }

            return File.ReadAllBytes(dcm);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] WithUids(DicomFile file, string study, string series, string sop)
    {
        file.Dataset.SetString(DicomTags.StudyInstanceUid, DicomVR.UI, study);
        file.Dataset.SetString(DicomTags.SeriesInstanceUid, DicomVR.UI, series);
        file.Dataset.SetString(DicomTags.SopInstanceUid, DicomVR.UI, sop);
        file.Meta.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, sop);
        using var output = new MemoryStream();
        DicomWriter.Write(file, output);
        return output.ToArray();
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task> action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await action();
        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpu);
    }

    private static void Report(string what, int count, TimeSpan wall, TimeSpan cpu) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-32} {count,5} in {wall.TotalSeconds,6:F2} s wall ({count / wall.TotalSeconds,7:F1}/s), {cpu.TotalSeconds,6:F2} s CPU ({count / Math.Max(cpu.TotalSeconds, 1e-9),7:F1}/CPU-s)"));
}
