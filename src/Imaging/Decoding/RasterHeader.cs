namespace MedicalImaging.Imaging.Decoding;

/// <summary>What a PNG IHDR or JPEG SOFn header says, read without decoding pixels.</summary>
/// <param name="Format">"png" or "jpeg".</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Channels the decoder will deliver (1 grey or 3 RGB; alpha is dropped).</param>
/// <param name="BitDepth">Bits per sample in the file (PNG 1..16, JPEG precision 8/12).</param>
internal readonly record struct RasterHeader(string Format, int Width, int Height, int Channels, int BitDepth)
{
    /// <summary>Bytes a decoded sample takes in the source (2 for 16-bit PNG, otherwise 1).</summary>
    public int BytesPerSample => BitDepth > 8 ? 2 : 1;
}
