namespace MedicalImaging.Imaging;

/// <summary>Dimensions read from an image header, before any pixel buffer is allocated.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Samples per pixel.</param>
/// <param name="Frames">Number of frames.</param>
/// <param name="BytesPerSample">Bytes a decoded sample takes in the source (1, 2 or 4).</param>
public sealed record ImageProbe(int Width, int Height, int Channels, int Frames, int BytesPerSample)
{
    /// <summary>Bytes the decoded pixels of one frame would take as float samples.</summary>
    public long DecodedFrameBytes => (long)Width * Height * Channels * sizeof(float);
}
