using System.CommandLine;
using MedicalImaging.Dicom;
using MedicalImaging.Imaging;

namespace MedicalImaging.Cli.Dicom;

/// <summary>`dicom export FILE --frame N --format raw|png -o OUT`.</summary>
internal static class DicomExportCommand
{
    public static Command Create(DicomConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "DICOM file." };
        var frame = new Option<int>("--frame") { Description = "Frame to export (0-based).", DefaultValueFactory = _ => 0 };
        var format = new Option<string>("--format")
        {
            Description = "raw: stored values (little-endian, bits-allocated wide, interleaved); png: viewable rendering.",
            DefaultValueFactory = _ => "raw",
        };
        format.AcceptOnlyFromAmong("raw", "png");
        var output = new Option<FileInfo>("--output", "-o") { Description = "Output file.", Required = true };
        var command = new Command("export", "Export one frame as raw stored values or PNG.") { file, frame, format, output };
        command.SetAction(parse => Execute(console, parse.GetValue(file)!, parse.GetValue(frame), parse.GetValue(format)!, parse.GetValue(output)!));
        return command;
    }

    public static int Execute(DicomConsole console, FileInfo path, int frameIndex, string format, FileInfo output) =>
        DicomCommandRunner.Run(console, () =>
        {
            var bytes = File.ReadAllBytes(path.FullName);
            var dicom = DicomFile.Parse(bytes);
            var frames = PixelDataInfo.FromFile(dicom).Frames;
            if (frameIndex < 0 || frameIndex >= frames)
            {
                console.Error.WriteLine($"error: --frame {frameIndex}: the file has {frames} frame(s), numbered from 0");
                return DicomExitCodes.Usage;
            }

            if (format == "png")
            {
                var image = new DicomImageDecoder().Decode(bytes, new DecodeOptions { FrameIndex = frameIndex });
                File.WriteAllBytes(output.FullName, DicomPngRenderer.Render(image));
            }
            else
            {
                var decoded = new DicomPixelDecoder().DecodeFrame(dicom, frameIndex);
                File.WriteAllBytes(output.FullName, decoded.Data);
            }

            console.Error.WriteLine($"wrote frame {frameIndex} of {frames} to {output.FullName} ({format})");
            return DicomExitCodes.Ok;
        });
}
