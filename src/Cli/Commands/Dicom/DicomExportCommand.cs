using System.CommandLine;
using MedicalImaging.Cli.Output;
using MedicalImaging.Dicom;
using MedicalImaging.Imaging;

namespace MedicalImaging.Cli.Commands.Dicom;

/// <summary>`dicom export FILE --frame N --format raw|png -o OUT`.</summary>
internal sealed class DicomExportCommand : CliCommand
{
    private readonly Argument<FileInfo> _file = new("file") { Description = "DICOM file." };
    private readonly Option<int> _frame = new("--frame") { Description = "Frame to export (0-based).", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _format = new("--format")
    {
        Description = "raw: stored values (little-endian, bits-allocated wide, interleaved); png: viewable rendering.",
        DefaultValueFactory = _ => "raw",
    };

    private readonly Option<FileInfo> _output = new("--output", "-o") { Description = "Output file.", Required = true };

    public DicomExportCommand(ICliOutput output)
        : base("export", "Export one frame as raw stored values or PNG.", output)
    {
        _format.AcceptOnlyFromAmong("raw", "png");
        Arguments.Add(_file);
        Options.Add(_frame);
        Options.Add(_format);
        Options.Add(_output);
    }

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var frameIndex = parse.GetValue(_frame);
        var format = parse.GetValue(_format)!;
        var output = parse.GetValue(_output)!;
        var bytes = File.ReadAllBytes(parse.GetValue(_file)!.FullName);
        var dicom = DicomFile.Parse(bytes);
        var frames = PixelDataInfo.FromFile(dicom).Frames;
        if (frameIndex < 0 || frameIndex >= frames)
        {
            Output.Error($"--frame {frameIndex}: the file has {frames} frame(s), numbered from 0");
            return Task.FromResult(ExitCodes.Usage);
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

        Output.Info($"wrote frame {frameIndex} of {frames} to {output.FullName} ({format})");
        return Task.FromResult(ExitCodes.Ok);
    }
}
