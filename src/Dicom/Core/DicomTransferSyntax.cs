namespace MedicalImaging.Dicom;

/// <summary>How a dataset and its pixel data are encoded.</summary>
public sealed class DicomTransferSyntax
{
    private static readonly Dictionary<string, DicomTransferSyntax> Known = [];

    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = Add("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, PixelEncoding.Native);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = Add("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, PixelEncoding.Native);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = Add("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, PixelEncoding.Native, deflated: true);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = Add("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, PixelEncoding.Native);
    public static readonly DicomTransferSyntax JpegBaseline = Add("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, PixelEncoding.Jpeg, lossy: true);
    public static readonly DicomTransferSyntax JpegExtended = Add("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, PixelEncoding.Jpeg, lossy: true);
    public static readonly DicomTransferSyntax JpegLossless = Add("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, PixelEncoding.JpegLossless);
    public static readonly DicomTransferSyntax JpegLosslessSV1 = Add("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)", true, false, PixelEncoding.JpegLossless);
    public static readonly DicomTransferSyntax JpegLsLossless = Add("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, PixelEncoding.JpegLs);
    public static readonly DicomTransferSyntax JpegLsNearLossless = Add("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true, false, PixelEncoding.JpegLs, lossy: true);
    public static readonly DicomTransferSyntax Jpeg2000Lossless = Add("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", true, false, PixelEncoding.Jpeg2000);
    public static readonly DicomTransferSyntax Jpeg2000 = Add("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, PixelEncoding.Jpeg2000, lossy: true);
    public static readonly DicomTransferSyntax Jpeg2000Part2Lossless = Add("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)", true, false, PixelEncoding.Jpeg2000);
    public static readonly DicomTransferSyntax Jpeg2000Part2 = Add("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", true, false, PixelEncoding.Jpeg2000, lossy: true);
    public static readonly DicomTransferSyntax HtJpeg2000Lossless = Add("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", true, false, PixelEncoding.HighThroughputJpeg2000);
    public static readonly DicomTransferSyntax HtJpeg2000LosslessRpcl = Add("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", true, false, PixelEncoding.HighThroughputJpeg2000);
    public static readonly DicomTransferSyntax HtJpeg2000 = Add("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true, false, PixelEncoding.HighThroughputJpeg2000, lossy: true);
    public static readonly DicomTransferSyntax RleLossless = Add("1.2.840.10008.1.2.5", "RLE Lossless", true, false, PixelEncoding.Rle);

    private DicomTransferSyntax(string uid, string name, bool explicitVR, bool bigEndian, PixelEncoding pixels, bool deflated, bool lossy)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        Pixels = pixels;
        IsDeflated = deflated;
        IsLossy = lossy;
    }

    /// <summary>The transfer syntax UID.</summary>
    public string Uid { get; }

    /// <summary>Human name (or "Unknown (uid)").</summary>
    public string Name { get; }

    /// <summary>Explicit VR encoding.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>Big-endian byte order.</summary>
    public bool IsBigEndian { get; }

    /// <summary>Dataset after the file meta is deflated.</summary>
    public bool IsDeflated { get; }

    /// <summary>Lossy compression may have been applied.</summary>
    public bool IsLossy { get; }

    /// <summary>How pixel data are encoded.</summary>
    public PixelEncoding Pixels { get; }

    /// <summary>Pixel data are encapsulated (fragments) rather than native.</summary>
    public bool IsEncapsulated => Pixels != PixelEncoding.Native;

    /// <summary>Looks a UID up; unknown UIDs are taken as explicit VR little endian with encapsulated pixel data of an unknown codec.</summary>
    public static DicomTransferSyntax Parse(string uid)
    {
        var key = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(key, out var ts)
            ? ts
            : new DicomTransferSyntax(key, $"Unknown ({key})", true, false, PixelEncoding.Unknown, false, false);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static DicomTransferSyntax Add(string uid, string name, bool explicitVR, bool bigEndian, PixelEncoding pixels, bool deflated = false, bool lossy = false)
    {
        var ts = new DicomTransferSyntax(uid, name, explicitVR, bigEndian, pixels, deflated, lossy);
        Known[uid] = ts;
        return ts;
    }
}
