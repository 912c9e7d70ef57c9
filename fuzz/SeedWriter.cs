using MedicalImaging.Dicom;
using OpenCvSharp;

namespace MedicalImaging.Fuzz;

/// <summary>
/// Writes starting corpora for the codec targets from encapsulated DICOM files (made by dcmtk in scripts/fuzz.sh):
/// frame 0 of each RLE, JPEG lossless and JPEG-LS file, in the input format of its target; the DICOM files
/// themselves for the parser; small PNGs and JPEGs drawn with OpenCV for the raster target.
/// </summary>
internal static class SeedWriter
{
    public static void Write(string dicomDirectory, string corpusDirectory)
    {
        WriteRasterSeeds(Directory.CreateDirectory(Path.Combine(corpusDirectory, "raster")).FullName);
        var dicom = Directory.CreateDirectory(Path.Combine(corpusDirectory, "dicom")).FullName;
        foreach (var path in Directory.EnumerateFiles(dicomDirectory, "*.dcm"))
        {
            File.Copy(path, Path.Combine(dicom, Path.GetFileName(path)), overwrite: true);
            var file = DicomFile.Open(path);
            var info = PixelDataInfo.FromFile(file);
            var pixel = file.Dataset.GetElement(DicomTags.PixelData)!;
            if (!file.TransferSyntax.IsEncapsulated)
            {
                continue;
            }

            var frame = MedicalImaging.Dicom.FrameSource.Encapsulated(file.Dataset, pixel, info, 0).ToArray();
            (string? target, byte[] bytes) = file.TransferSyntax.Pixels switch
            {
                PixelEncoding.Rle when info is { Rows: <= 256, Columns: <= 256 } =>
                    ("rle", (byte[])[(byte)(info.Rows - 1), (byte)(info.Columns - 1), (byte)((info.SamplesPerPixel == 3 ? 1 : 0) | (info.BytesPerSample == 2 ? 2 : 0)), .. frame]),
                PixelEncoding.JpegLossless => ("jpeg-lossless", frame),
                PixelEncoding.JpegLs => ("jpeg-ls", frame),
                _ => ((string?)null, frame),
            };
            if (target is not null)
            {
                var directory = Directory.CreateDirectory(Path.Combine(corpusDirectory, target)).FullName;
                File.WriteAllBytes(Path.Combine(directory, Path.GetFileNameWithoutExtension(path) + ".bin"), bytes);
            }
        }
    }

    private static void WriteRasterSeeds(string directory)
    {
        using var grey = new Mat(24, 32, MatType.CV_8UC1);
        Cv2.Randu(grey, 0, 255);
        using var grey16 = new Mat(24, 32, MatType.CV_16UC1);
        Cv2.Randu(grey16, 0, 65535);
        using var colour = new Mat(24, 32, MatType.CV_8UC3);
        Cv2.Randu(colour, Scalar.All(0), Scalar.All(255));
        using var alpha = new Mat(24, 32, MatType.CV_8UC4);
        Cv2.Randu(alpha, Scalar.All(0), Scalar.All(255));
        File.WriteAllBytes(Path.Combine(directory, "grey8.png"), grey.ImEncode(".png"));
        File.WriteAllBytes(Path.Combine(directory, "grey16.png"), grey16.ImEncode(".png"));
        File.WriteAllBytes(Path.Combine(directory, "rgb.png"), colour.ImEncode(".png"));
        File.WriteAllBytes(Path.Combine(directory, "rgba.png"), alpha.ImEncode(".png"));
        File.WriteAllBytes(Path.Combine(directory, "grey.jpg"), grey.ImEncode(".jpg"));
        File.WriteAllBytes(Path.Combine(directory, "rgb.jpg"), colour.ImEncode(".jpg"));
        File.WriteAllBytes(Path.Combine(directory, "progressive.jpg"), colour.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1)));
    }
}
