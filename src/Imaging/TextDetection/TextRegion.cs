namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// A place in an image where text was found, in that image's pixel coordinates.
/// </summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Confidence">Tesseract's word confidence 0..100; 0 for a heuristic region.</param>
/// <param name="Text">What OCR read (empty for a heuristic region). Identifying: never log it, never send it.</param>
/// <param name="Source">"ocr" or "heuristic" (the OpenCV overlay-stroke safety net).</param>
public sealed record TextRegion(int X, int Y, int Width, int Height, float Confidence, string Text, string Source);
