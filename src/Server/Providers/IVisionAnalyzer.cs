namespace MedicalImaging.Server.Providers;

/// <summary>
/// The vision step: turns the de-identified, preprocessed images into findings. The provider chain
/// (Gemini → OpenRouter → Groq → local) implements it; <see cref="Local.LocalVisionAnalyzer"/> alone
/// is the embedded default.
/// </summary>
public interface IVisionAnalyzer
{
    Task<VisionResult> AnalyzeAsync(VisionRequest request, CancellationToken cancellationToken);
}
