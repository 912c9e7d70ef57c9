using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>The bytes are not valid DICOM; the message names the tag and the byte offset where it went wrong.</summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException(string message) : base(message) { }

    public DicomFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds "tag (GGGG,EEEE) at byte offset N: what".</summary>
    public DicomFormatException(DicomTag? tag, long offset, string what)
        : base(Format(tag, offset, what))
    {
        Tag = tag;
        Offset = offset;
    }

    /// <summary>The tag being read, when known.</summary>
    public DicomTag? Tag { get; }

    /// <summary>Byte offset in the (inflated, for deflated syntaxes) stream, or -1.</summary>
    public long Offset { get; } = -1;

    private static string Format(DicomTag? tag, long offset, string what) => tag is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"DICOM: tag {t} at byte offset {offset}: {what}")
        : string.Create(CultureInfo.InvariantCulture, $"DICOM: at byte offset {offset}: {what}");
}
