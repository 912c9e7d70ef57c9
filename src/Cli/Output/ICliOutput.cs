namespace MedicalImaging.Cli.Output;

/// <summary>Where medimg writes: data to stdout, human text and progress to stderr.</summary>
public interface ICliOutput
{
    /// <summary>Machine-readable data (stdout).</summary>
    void Data(string text);

    /// <summary>Human-readable text (stderr).</summary>
    void Info(string text);

    /// <summary>An error line (stderr).</summary>
    void Error(string text);

    /// <summary>Follows an analysis with per-stage progress bars (interactive) or lines (redirected).</summary>
    IAnalysisProgressView StartProgress();
}

/// <summary>Shows analysis progress.</summary>
public interface IAnalysisProgressView : IDisposable
{
    void Update(MedicalImaging.Client.AnalysisProgress progress);
}
