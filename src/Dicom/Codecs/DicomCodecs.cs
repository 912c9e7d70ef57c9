namespace MedicalImaging.Dicom;

/// <summary>The codecs available on this machine, in preference order.</summary>
public static class DicomCodecs
{
    private static readonly Lazy<IReadOnlyList<IDicomFrameCodec>> Available = new(Discover);

    /// <summary>Ours first (RLE, JPEG lossless), then CharLS for JPEG-LS, OpenCV for 8-bit JPEG, OpenJPEG for JPEG 2000, then GDCM for the rest.</summary>
    public static IReadOnlyList<IDicomFrameCodec> Default => Available.Value;

    private static List<IDicomFrameCodec> Discover()
    {
        var codecs = new List<IDicomFrameCodec> { new RleCodec(), new JpegLosslessCodec() };
        if (CharLsCodec.IsAvailable)
        {
            codecs.Add(new CharLsCodec());
        }

        if (OpenCvJpegCodec.IsAvailable)
        {
            codecs.Add(new OpenCvJpegCodec());
        }

        if (OpenJpegCodec.IsAvailable)
        {
            codecs.Add(new OpenJpegCodec()); // JPEG 2000 and HTJ2K; before GDCM, which keeps what it declines
        }

        if (GdcmCodec.IsAvailable)
        {
            codecs.Add(new GdcmCodec());
        }

        return codecs;
    }
}
