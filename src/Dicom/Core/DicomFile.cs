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

    /// <summary>A new object to write with <see cref="DicomWriter"/> (the writer makes the file meta from the dataset).</summary>
    public static DicomFile Create(DicomDataset dataset, DicomTransferSyntax transferSyntax) =>
        new(new DicomDataset(), dataset, transferSyntax, hasPreamble: true);

    /// <summary>Parses a Part 10 file or a bare dataset. Values are slices of <paramref name="data"/> (keep it alive, unchanged).</summary>
    /// <exception cref="DicomFormatException">The bytes are not valid DICOM.</exception>
    public static DicomFile Parse(ReadOnlyMemory<byte> data, DicomParseOptions? options = null) =>
        DicomFileParser.Parse(data, options ?? DicomParseOptions.Default);

    /// <summary>
    /// Parses for a size probe: as <see cref="Parse"/>, except that a deflated dataset is inflated as a stream of
    /// which only the elements before Pixel Data are kept (the result then lacks Pixel Data), so its size is
    /// learnt in constant memory before anyone decides to hold it.
    /// </summary>
    /// <param name="data">The file's bytes (values are slices of them: keep them alive, unchanged).</param>
    /// <param name="options">Limits; null uses the defaults.</param>
    /// <param name="inflatedBytes">The inflated size of a deflated dataset; 0 for other transfer syntaxes.</param>
    /// <exception cref="DicomFormatException">Not valid DICOM, or it inflates beyond <see cref="DicomParseOptions.MaxInflatedBytes"/>.</exception>
    public static DicomFile ParseHeader(ReadOnlyMemory<byte> data, DicomParseOptions? options, out long inflatedBytes) =>
        DicomFileParser.Parse(data, options ?? DicomParseOptions.Default, headerOnly: true, out inflatedBytes);

    /// <summary>Reads and parses a file.</summary>
    public static DicomFile Open(string path, DicomParseOptions? options = null) => Parse(File.ReadAllBytes(path), options);

    /// <summary>True when the bytes carry "DICM" at offset 128 or begin like a dataset or a bare meta group.</summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> header) => DicomFileParser.LooksLikeDicom(header);
}
