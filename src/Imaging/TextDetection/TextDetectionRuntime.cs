namespace MedicalImaging.Imaging.TextDetection;

/// <summary>Process-level set-up for OCR.</summary>
public static class TextDetectionRuntime
{
    /// <summary>
    /// Loads Tesseract's native libraries. Must run before the process first uses OpenCV (see
    /// TesseractLibrary for why); hosts call it at start. Returns false, with the reason, when OCR
    /// cannot run here — callers then must not send unchecked pixels anywhere.
    /// </summary>
    public static bool Preload(out string? problem) => TesseractLibrary.TryLoad(out problem);
}
