namespace MedicalImaging.Dicom;

/// <summary>Pixel data encoding family of a transfer syntax.</summary>
public enum PixelEncoding
{
    /// <summary>Uncompressed (native) pixel data.</summary>
    Native,
    /// <summary>RLE Lossless.</summary>
    Rle,
    /// <summary>JPEG baseline / extended (DCT).</summary>
    Jpeg,
    /// <summary>JPEG lossless (process 14).</summary>
    JpegLossless,
    /// <summary>JPEG-LS.</summary>
    JpegLs,
    /// <summary>JPEG 2000.</summary>
    Jpeg2000,
    /// <summary>High-Throughput JPEG 2000 (ISO/IEC 15444-15).</summary>
    HighThroughputJpeg2000,
    /// <summary>An encapsulated syntax this library does not know.</summary>
    Unknown,
}
