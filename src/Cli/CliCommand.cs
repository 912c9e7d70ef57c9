using System.CommandLine;
using MedicalImaging.Cli.Output;

namespace MedicalImaging.Cli;

/// <summary>
/// A medimg command: the subclass declares its arguments and options and writes its body as
/// <see cref="ExecuteAsync"/>; <see cref="CommandRunner"/> runs it, so every command (server or local DICOM)
/// reports a failure the same way: one stderr line and a code of <see cref="ExitCodes"/>.
/// </summary>
internal abstract class CliCommand : Command
{
    /// <param name="name">The command's word on the command line.</param>
    /// <param name="description">Its help line.</param>
    /// <param name="output">Where it writes.</param>
    protected CliCommand(string name, string description, ICliOutput output)
        : base(name, description)
    {
        Output = output;
        SetAction((parse, cancellationToken) => CommandRunner.RunAsync(output, () => ExecuteAsync(parse, cancellationToken)));
    }

    /// <summary>Where the command writes: data to stdout, human text to stderr.</summary>
    protected ICliOutput Output { get; }

    /// <summary>The command's body; answers an exit code of <see cref="ExitCodes"/>.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken);
}
