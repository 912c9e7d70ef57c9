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

    /// <summary>
    /// Bytes the decoder must inflate before it can decode (a deflated DICOM dataset); 0 for other images.
    /// Counted in memory estimates: the inflated copy lives while the image is decoded.
    /// </summary>
    public long InflatedBytes { get; init; }

    /// <summary>
    /// What the decoder already parsed while probing, opaque to callers. Passed back through
    /// <see cref="DecodeOptions.Probe"/> it lets <see cref="IImageDecoder.Decode"/> skip parsing the file again.
    /// </summary>
    public object? DecoderState { get; init; }
}
