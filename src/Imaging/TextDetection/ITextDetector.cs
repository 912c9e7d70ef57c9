using OpenCvSharp;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>Finds text burned into an image's pixels.</summary>
public interface ITextDetector
{
    /// <summary>
    /// Text regions of an 8-bit image (grey, or 3 channels in any order), in its pixel coordinates.
    /// Tuned for recall: a region that is not text costs a little blanked image, a missed name is a leak.
    /// </summary>
    IReadOnlyList<TextRegion> Detect(Mat image, CancellationToken cancellationToken);
}
