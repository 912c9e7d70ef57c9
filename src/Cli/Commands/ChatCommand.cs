using System.CommandLine;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli.Commands;

/// <summary>
/// medimg chat REPORT_ID: asks questions about a report and prints the reply as it streams. Reads one
/// question per line from stdin until EOF or /exit; --message asks one question and exits.
/// </summary>
public static class ChatCommand
{
    public static Command Create(GlobalOptions global, ICliOutput output)
    {
        var id = new Argument<string>("report-id") { Description = "the report to discuss" };
        var message = new Option<string?>("--message", "-m") { Description = "ask this one question and exit" };
        var command = new Command("chat", "Discuss a report") { id, message };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = global.CreateClient(parse);
            var reportId = parse.GetValue(id)!;
            if (parse.GetValue(message) is { } single)
            {
                await AskAsync(client, reportId, single, ct);
                return ExitCodes.Ok;
            }

            output.Info($"Chatting about {reportId}. One question per line; /exit or end of input to stop.");
            while (!ct.IsCancellationRequested)
            {
                Console.Error.Write("> ");
                var line = await Console.In.ReadLineAsync(ct);
                if (line is null || line.Trim() == "/exit")
                {
                    break;
                }

                if (line.Trim().Length > 0)
                {
                    await AskAsync(client, reportId, line, ct);
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task AskAsync(MedicalImaging.Client.ImagingClient client, string reportId, string question, CancellationToken cancellationToken)
    {
        await foreach (var update in client.ChatAsync(reportId, question, cancellationToken))
        {
            if (update.Delta is { } delta)
            {
                Console.Out.Write(delta);
                await Console.Out.FlushAsync(cancellationToken);
            }
            else if (update.Reply is { } reply)
            {
                Console.Out.WriteLine();
                Console.Error.WriteLine($"[{reply.Provider}; findings: {string.Join(", ", reply.FindingIds)}; citations: {string.Join(", ", reply.CitedPmids)}]");
            }
        }
    }
}
