using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>A modality pipeline's output at provider size: the model image and its grey view.</summary>
internal sealed class DisplayImage : IDisposable
{
    public DisplayImage(Mat model, Mat? grey = null)
    {
        Model = model;
        Grey = grey ?? model;
    }

    /// <summary>CV_8UC1, or CV_8UC3 in RGB order.</summary>
    public Mat Model { get; }

    /// <summary>CV_8UC1 (the same matrix as <see cref="Model"/> for grey images).</summary>
    public Mat Grey { get; }

    public bool IsRgb => Model.Channels() == 3;

    /// <summary>The source-pixel rectangle the pipeline cropped to before resizing; null when it kept the whole image.</summary>
    public PixelCrop? Crop { get; init; }

    public void Dispose()
    {
        if (!ReferenceEquals(Grey, Model))
        {
            Grey.Dispose();
        }

        Model.Dispose();
    }
}
