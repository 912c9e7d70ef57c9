using MedicalImaging.Imaging.TextDetection;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Redaction;

/// <summary>Registers the burned-in text step on the pixels that leave toward a provider.</summary>
public static class RedactionServiceCollectionExtensions
{
    /// <summary>Tesseract text detection and the <see cref="OutboundImagePreparer"/> that blanks what it finds.</summary>
    public static IServiceCollection AddBurnedInTextRedaction(this IServiceCollection services)
    {
        // Tesseract must be loaded before OpenCV's first use (see TextDetectionRuntime); the outcome is checked per image.
        TextDetectionRuntime.Preload(out _);
        services.AddSingleton<ITextDetector>(_ => new TesseractTextDetector());
        services.AddSingleton<OutboundImagePreparer>();
        return services;
    }
}
