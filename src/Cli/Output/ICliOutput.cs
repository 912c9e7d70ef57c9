using Spectre.Console.Rendering;

namespace MedicalImaging.Cli.Output;

/// <summary>
/// Where every medimg command writes: data to stdout, human text, progress and errors to stderr, so that with
/// <c>--json</c> stdout carries only data (a pipe into jq never sees a progress line).
/// </summary>
public interface ICliOutput
{
    /// <summary>A line of machine-readable data (stdout).</summary>
    void Data(string text);

    /// <summary>Binary data on stdout as is (an exported DICOM SR): the bytes, no line ending.</summary>
    Task DataBytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Data as it streams, without a line break (stdout, flushed at once).</summary>
    void DataPart(string text);

    /// <summary>Rich data such as a table (stdout).</summary>
    void Render(IRenderable renderable);

    /// <summary>A line of human-readable text (stderr).</summary>
    void Info(string text);

    /// <summary>A prompt, without a line break (stderr).</summary>
    void Prompt(string text);

    /// <summary>An error line, <c>error: </c> and the text (stderr).</summary>
    void Error(string text);

    /// <summary>Follows an analysis with per-stage progress bars (interactive) or lines (redirected).</summary>
    IAnalysisProgressView StartProgress();
}
