using System.Runtime.CompilerServices;
using MedicalImaging.Imaging.TextDetection;

namespace MedicalImaging.Tests.Support;

/// <summary>Loads Tesseract before test helpers touch OpenCV, as the server does at start (see TextDetectionRuntime).</summary>
internal static class TesseractFirst
{
#pragma warning disable CA2255 // Test helpers are the start-up here: they use OpenCV before any server is built.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Preload() => TextDetectionRuntime.Preload(out _);
}
