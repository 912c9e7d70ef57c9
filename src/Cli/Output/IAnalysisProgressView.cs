using MedicalImaging.Client;

namespace MedicalImaging.Cli.Output;

/// <summary>Shows analysis progress; disposing it ends the display.</summary>
public interface IAnalysisProgressView : IDisposable
{
    /// <summary>Shows one progress event.</summary>
    void Update(AnalysisProgress progress);
}
