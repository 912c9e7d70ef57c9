namespace MedicalImaging.Dicom;

/// <summary>The codecs available on this machine, in preference order.</summary>
public static class DicomCodecs
{
    private static readonly Lazy<IReadOnlyList<IDicomFrameCodec>> Available = new(Discover);

    /// <summary>Ours first (RLE, JPEG lossless, JPEG-LS), then CharLS for the JPEG-LS features ours leaves out, OpenCV for 8-bit JPEG, OpenJPEG for JPEG 2000 and HTJ2K, then GDCM for the rest.</summary>
    public static IReadOnlyList<IDicomFrameCodec> Default => Available.Value;

    private static List<IDicomFrameCodec> Discover()
    {
        // Our JPEG-LS decoder before CharLS: as fast, bit-exact, and bounded on corrupt data (CharLS 2.4.1 spends seconds
        // on some damaged 64x48 frames; docs/DICOM.md).
        var codecs = new List<IDicomFrameCodec> { new RleCodec(), new JpegLosslessCodec(), new JpegLsCodec() };
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
