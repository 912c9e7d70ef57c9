namespace MedicalImaging.Dicom;

/// <summary>A parsed DICOM object: file meta information (group 0002, when present) and the dataset.</summary>
public sealed class DicomFile
{
    internal DicomFile(DicomDataset meta, DicomDataset dataset, DicomTransferSyntax transferSyntax, bool hasPreamble)
    {
        Meta = meta;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        HasPreamble = hasPreamble;
    }

    /// <summary>File meta information (empty when the file had none).</summary>
    public DicomDataset Meta { get; }

    /// <summary>The dataset.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>Transfer syntax of the dataset (from the meta, or detected when the file has no meta).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>True when the file started with the 128-byte preamble and "DICM".</summary>
    public bool HasPreamble { get; }

    /// <summary>Parses a Part 10 file or a bare dataset. Values are slices of <paramref name="data"/> (keep it alive, unchanged).</summary>
    /// <exception cref="DicomFormatException">The bytes are not valid DICOM.</exception>
    public static DicomFile Parse(ReadOnlyMemory<byte> data, DicomParseOptions? options = null) =>
        DicomFileParser.Parse(data, options ?? DicomParseOptions.Default);

    /// <summary>Reads and parses a file.</summary>
    public static DicomFile Open(string path, DicomParseOptions? options = null) => Parse(File.ReadAllBytes(path), options);

    /// <summary>True when the bytes carry "DICM" at offset 128 or begin like a dataset or a bare meta group.</summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> header) => DicomFileParser.LooksLikeDicom(header);
}
