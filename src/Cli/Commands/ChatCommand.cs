using System.CommandLine;
using MedicalImaging.Cli.Output;
using MedicalImaging.Client;

namespace MedicalImaging.Cli.Commands;

/// <summary>
/// medimg chat REPORT_ID: asks questions about a report and prints the reply as it streams. Reads one
/// question per line from stdin until EOF or /exit; --message asks one question and exits.
/// </summary>
internal sealed class ChatCommand : CliCommand
{
    private readonly GlobalOptions _global;
    private readonly Argument<string> _id = new("report-id") { Description = "the report to discuss" };
    private readonly Option<string?> _message = new("--message", "-m") { Description = "ask this one question and exit" };

    public ChatCommand(GlobalOptions global, ICliOutput output)
        : base("chat", "Discuss a report", output)
    {
        _global = global;
        Arguments.Add(_id);
        Options.Add(_message);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = _global.CreateClient(parse);
        var reportId = parse.GetValue(_id)!;
        if (parse.GetValue(_message) is { } single)
        {
            await AskAsync(client, reportId, single, cancellationToken);
            return ExitCodes.Ok;
        }

        Output.Info($"Chatting about {reportId}. One question per line; /exit or end of input to stop.");
        while (!cancellationToken.IsCancellationRequested)
        {
            Output.Prompt("> ");
            var line = await Console.In.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() == "/exit")
            {
                break;
            }

            if (line.Trim().Length > 0)
            {
                await AskAsync(client, reportId, line, cancellationToken);
            }
        }

        return ExitCodes.Ok;
    }

    private async Task AskAsync(ImagingClient client, string reportId, string question, CancellationToken cancellationToken)
    {
        await foreach (var update in client.ChatAsync(reportId, question, cancellationToken))
        {
            if (update.Delta is { } delta)
            {
                Output.DataPart(delta);
            }
            else if (update.Reply is { } reply)
            {
                Output.Data(string.Empty);
                Output.Info($"[{reply.Provider}; findings: {string.Join(", ", reply.FindingIds)}; citations: {string.Join(", ", reply.CitedPmids)}]");
            }
        }
    }
}
