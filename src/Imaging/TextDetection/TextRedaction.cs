namespace MedicalImaging.Imaging.TextDetection;

/// <summary>The outbound copy of an image with its burned-in text blanked.</summary>
/// <param name="Png">The PNG to send: the input bytes unchanged when nothing was found.</param>
/// <param name="Regions">What was found (OCR words and heuristic lines), in image coordinates.</param>
public sealed record TextRedaction(byte[] Png, IReadOnlyList<TextRegion> Regions);
