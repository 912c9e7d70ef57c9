using System.CommandLine;
using MedicalImaging.Cli.Output;
using MedicalImaging.Client;

namespace MedicalImaging.Cli.Commands;

/// <summary>medimg analyze FILES...: uploads, follows progress, prints (or writes) the report.</summary>
internal sealed class AnalyzeCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Argument<string[]> _files = new("files") { Description = "DICOM, PNG or JPEG files (1 to 10)", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string?> _caseId = new("--case-id") { Description = "your application's case id (not a patient identifier)" };
    private readonly Option<string?> _modality = new("--modality") { Description = "modality of PNG/JPEG images, e.g. CR, CT" };
    private readonly Option<string?> _bodyPart = new("--body-part") { Description = "body part of PNG/JPEG images, e.g. CHEST" };
    private readonly Option<string?> _indication = new("--indication") { Description = "why the study was done" };
    private readonly Option<string?> _question = new("--question") { Description = "the clinical question" };
    private readonly Option<int?> _age = new("--age") { Description = "age in years" };
    private readonly Option<string?> _sex = new("--sex") { Description = "female, male or other" };
    private readonly Option<bool> _noCache = new("--no-cache") { Description = "force a new analysis" };
    private readonly Option<bool> _json = new("--json") { Description = "print the report as JSON on stdout" };
    private readonly Option<string?> _out = new("--out") { Description = "directory to write <report id>.json and its heatmaps into" };

    public AnalyzeCommand(GlobalOptions global, ICliOutput output)
        : base("analyze", "Analyse images and print the report", output)
    {
        _global = global;
        Arguments.Add(_files);
        foreach (var option in new Option[] { _caseId, _modality, _bodyPart, _indication, _question, _age, _sex, _noCache, _json, _out })
        {
            Options.Add(option);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var images = new List<ImageFile>();
        foreach (var path in parse.GetValue(_files)!)
        {
            if (!File.Exists(path))
            {
                Output.Error($"{path}: no such file");
                return ExitCodes.InvalidInput;
            }

            images.Add(await ImageFile.FromFileAsync(path, cancellationToken) with { ModalityHint = parse.GetValue(_modality), BodyPartHint = parse.GetValue(_bodyPart) });
        }

        var context = new ClinicalContext(parse.GetValue(_age), parse.GetValue(_sex), parse.GetValue(_indication), parse.GetValue(_question));
        using var client = _global.CreateClient(parse);
        AnalysisResult? result = null;
        using (var view = Output.StartProgress())
        {
            await foreach (var update in client.AnalyzeAsync(new AnalysisSubmission
            {
                Images = images,
                CaseId = parse.GetValue(_caseId),
                ClinicalContext = context,
                SkipCache = parse.GetValue(_noCache),
            }, cancellationToken))
            {
                if (update.Progress is { } progress)
                {
                    view.Update(progress);
                }

                result = update.Result ?? result;
            }
        }

        if (result is null)
        {
            Output.Error("the analysis stream ended without a result");
            return ExitCodes.ServerError;
        }

        var report = result.Report;
        if (parse.GetValue(_out) is { } directory)
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, report.Id + ".json");
            await File.WriteAllTextAsync(path, Json.Write(report), cancellationToken);
            foreach (var image in report.Images.Where(i => i.HasHeatmap))
            {
                var png = await client.GetHeatmapAsync(report.Id, image.Index, cancellationToken);
                await File.WriteAllBytesAsync(Path.Combine(directory, $"{report.Id}-heatmap-{image.Index}.png"), png, cancellationToken);
            }

            Output.Info($"wrote {path}");
        }

        if (parse.GetValue(_json))
        {
            Output.Data(Json.Write(result));
        }
        else
        {
            Output.Data(report.ReportText);
            Output.Info($"report {report.Id}{(result.Cached ? " (from cache)" : string.Empty)}{(result.Degraded ? " (degraded: no AI provider answered)" : string.Empty)}");
        }

        return ExitCodes.Ok;
    }
}
