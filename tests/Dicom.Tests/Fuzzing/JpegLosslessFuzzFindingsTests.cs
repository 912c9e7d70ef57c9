using MedicalImaging.Imaging;

namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// Crashes the fuzzer found in our JPEG lossless decoder (fuzz/crashes/dicom), through the decoder the server uses:
/// each must be refused as a corrupt image, not escape as an unexpected exception.
/// </summary>
public sealed class JpegLosslessFuzzFindingsTests
{
    private readonly DicomImageDecoder _decoder = new();

    // SOS named Huffman table 4..15 (Td is a nibble, only 0..3 exist): IndexOutOfRangeException.
    [Fact]
    public void Decode_ScanNamesHuffmanTableAbove3_ThrowsImageDecodeException() =>
        AssertRefused("jpeg-lossless-huffman-table-id-over-3.dcm", "Huffman table");

    // A frame header refused at its second component (subsampled) left a null plane that Dispose handed to the
    // array pool: ArgumentNullException hid the real error.
    [Fact]
    public void Decode_FrameRefusedHalfBuilt_ThrowsImageDecodeExceptionNamingTheFault() =>
        AssertRefused("jpeg-lossless-frame-refused-half-built.dcm", "subsampled");

    private void AssertRefused(string name, string reason)
    {
        var data = File.ReadAllBytes(Path.Combine(Tools.RepoRoot, "fuzz", "crashes", "dicom", name));
        var error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(data, new DecodeOptions { FrameIndex = 0 }));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
