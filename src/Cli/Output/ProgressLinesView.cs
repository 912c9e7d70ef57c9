using MedicalImaging.Client;

namespace MedicalImaging.Cli.Output;

/// <summary>One line per progress event, for logs and pipes.</summary>
internal sealed class ProgressLinesView(TextWriter stderr) : IAnalysisProgressView
{
    public void Update(AnalysisProgress progress) =>
        stderr.WriteLine($"[{progress.Percent,3}%] {progress.Stage}: {progress.Message}");

    public void Dispose()
    {
    }
}
