using Spectre.Console;
using Spectre.Console.Rendering;

namespace MedicalImaging.Cli.Output;

/// <summary>The terminal: plain stdout for data, Spectre.Console on stderr for people.</summary>
public sealed class ConsoleOutput : ICliOutput
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly bool _interactive;
    private readonly IAnsiConsole _richStdout;
    private readonly IAnsiConsole _richStderr;

    /// <summary>The process's own stdout and stderr.</summary>
    public ConsoleOutput()
        : this(Console.Out, Console.Error, interactive: !Console.IsErrorRedirected)
    {
    }

    /// <summary>Writes to the given writers (tests and hosts pass their own); progress bars only when <paramref name="interactive"/>.</summary>
    public ConsoleOutput(TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        _stdout = stdout;
        _stderr = stderr;
        _richStdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        _richStderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        _interactive = interactive && _richStderr.Profile.Capabilities.Interactive;
    }

    public void Data(string text) => _stdout.WriteLine(text);

    public async Task DataBytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_stdout, Console.Out))
        {
            // The process's stdout: the bytes unchanged (a TextWriter would re-encode them).
            await _stdout.FlushAsync(cancellationToken);
            await using var raw = Console.OpenStandardOutput();
            await raw.WriteAsync(bytes, cancellationToken);
        }
        else
        {
            // A writer a test or host passed: text exports read as they are; binary ones belong in a file (-o).
            await _stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes.Span).AsMemory(), cancellationToken);
        }
    }

    public void DataPart(string text)
    {
        _stdout.Write(text);
        _stdout.Flush();
    }

    public void Render(IRenderable renderable) => _richStdout.Write(renderable);

    public void Info(string text) => _stderr.WriteLine(text);

    public void Prompt(string text)
    {
        _stderr.Write(text);
        _stderr.Flush();
    }

    public void Error(string text) => _stderr.WriteLine("error: " + text);

    public IAnalysisProgressView StartProgress() => _interactive ? new ProgressBarsView(_richStderr) : new ProgressLinesView(_stderr);
}
