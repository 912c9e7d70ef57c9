using System.Runtime.CompilerServices;
using MedicalImaging.Imaging.TextDetection;

namespace MedicalImaging.Imaging.Tests.TextDetection;

/// <summary>Loads Tesseract before any test touches OpenCV, as hosts do at start.</summary>
internal static class TesseractFirst
{
#pragma warning disable CA2255 // A test assembly is the host here: this is its start-up.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Preload() => TextDetectionRuntime.Preload(out _);
}
