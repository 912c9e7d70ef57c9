namespace MedicalImaging.Imaging;

/// <summary>A rectangle in image-relative coordinates (0..1 of width/height, origin top-left).</summary>
public readonly record struct NormalizedBox(double X, double Y, double Width, double Height);
