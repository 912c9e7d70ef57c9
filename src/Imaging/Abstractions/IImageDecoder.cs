namespace MedicalImaging.Imaging;

/// <summary>Decodes one image format. The pipeline picks the first decoder whose <see cref="CanDecode"/> is true.</summary>
public interface IImageDecoder
{
    /// <summary>Short format name recorded in provenance (png, jpeg, dicom).</summary>
    string Format { get; }

    /// <summary>True when the leading bytes look like this format.</summary>
    bool CanDecode(ReadOnlySpan<byte> header);

    /// <summary>Reads dimensions from the header only. Throws <see cref="ImageDecodeException"/> on bad input.</summary>
    ImageProbe Probe(ReadOnlyMemory<byte> data);

    /// <summary>Decodes one frame. Throws <see cref="ImageDecodeException"/> on bad input.</summary>
    DecodedImage Decode(ReadOnlyMemory<byte> data, DecodeOptions options);
}
