namespace MedicalImaging.Imaging;

/// <summary>A rectangle in source-image pixels that preprocessing cropped to (collimation, ultrasound sector).</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Columns kept.</param>
/// <param name="Height">Rows kept.</param>
public readonly record struct PixelCrop(int X, int Y, int Width, int Height);
