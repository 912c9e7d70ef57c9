using System.Diagnostics;

namespace MedicalImaging.Server.Tests.DicomWeb;

/// <summary>
/// Real DICOM instances for the DICOMweb tests: dcmtk's img2dcm wraps an 8-bit grey BMP (native Explicit VR Little
/// Endian, MONOCHROME2, Secondary Capture), dcmodify sets the study/series/instance UIDs and the attributes asked for.
/// </summary>
internal static class DicomInstances
{
    public const int Width = 64;
    public const int Height = 48;

    /// <summary>The grey samples of the image (row-major, top row first): what frame 1 must decode to.</summary>
    public static byte[] Pixels(int seed)
    {
        var pixels = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                pixels[(y * Width) + x] = (byte)((x * 4) + y + seed);
            }
        }

        return pixels;
    }

    /// <summary>A Part 10 file; attributes as (tag, value), e.g. ("0010,0010", "DOE^JANE").</summary>
    public static byte[] Make(string study, string series, string sop, int seed = 0, params (string Tag, string Value)[] attributes)
    {
        var directory = Directory.CreateTempSubdirectory("medimg-dicomweb-").FullName;
        try
        {
            var bmp = Path.Combine(directory, "in.bmp");
            var dcm = Path.Combine(directory, "out.dcm");
            File.WriteAllBytes(bmp, GreyBmp(Pixels(seed)));
            Run("img2dcm", "-i", "BMP", bmp, dcm);
            var args = new List<string> { "-nb", "-i", $"(0020,000D)={study}", "-i", $"(0020,000E)={series}", "-i", $"(0008,0018)={sop}" };
            foreach (var (tag, value) in attributes)
            {
                args.Add("-i");
                args.Add($"({tag})={value}");
            }

            args.Add(dcm);
            Run("dcmodify", [.. args]);
            return File.ReadAllBytes(dcm);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] GreyBmp(byte[] pixels)
    {
        var row = (Width + 3) / 4 * 4;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        var offset = 14 + 40 + 1024;
        w.Write((byte)'B');
        w.Write((byte)'M');
        w.Write(offset + (row * Height));
        w.Write(0);
        w.Write(offset);
        w.Write(40);
        w.Write(Width);
        w.Write(Height);
        w.Write((short)1);
        w.Write((short)8);
        w.Write(0);
        w.Write(row * Height);
        w.Write(2835);
        w.Write(2835);
        w.Write(256);
        w.Write(0);
        for (var i = 0; i < 256; i++)
        {
            w.Write([(byte)i, (byte)i, (byte)i, (byte)0]);
        }

        for (var y = Height - 1; y >= 0; y--)
        {
            w.Write(pixels, y * Width, Width); // BMP rows go bottom-up
            w.Write(new byte[row - Width]);
        }

        w.Flush();
        return stream.ToArray();
    }

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt package dcmtk).");
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {stderr}");
        }
    }
}
