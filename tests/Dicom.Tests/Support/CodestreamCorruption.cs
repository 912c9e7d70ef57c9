namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// Damages the first pixel-data fragment of a file from many cut points to its end (zeros for truncation,
/// random bytes for garbage in headers or scan) and checks every damaged file either decodes to a whole
/// frame (as many bytes as the undamaged file's frame) or throws <see cref="DicomFormatException"/> naming the Pixel
/// Data element: never another exception, a hang or a short frame.
/// </summary>
internal static class CodestreamCorruption
{
    /// <returns>How many damaged files were tried (each decoded or refused).</returns>
    public static int AssertFormatErrorOrWholeFrame(byte[] original, int cutPoints, Random random)
    {
        var expectedBytes = new DicomPixelDecoder().DecodeFrame(DicomFile.Parse(original), 0).Data.Length;
        var tried = 0;
        var fragment = DicomFile.Parse(original).Dataset.GetElement(DicomTags.PixelData)!.Fragments!.Fragments[0].Data;
        var start = original.AsSpan().IndexOf(fragment.Span);
        for (var cut = 2; cut < fragment.Length; cut += Math.Max(1, fragment.Length / cutPoints))
        {
            foreach (var junk in new[] { false, true })
            {
                var bytes = (byte[])original.Clone();
                var tail = bytes.AsSpan(start + cut, fragment.Length - cut);
                if (junk)
                {
                    random.NextBytes(tail);
                }
                else
                {
                    tail.Clear();
                }

                tried++;
                try
                {
                    var frame = new DicomPixelDecoder().DecodeFrame(DicomFile.Parse(bytes), 0);
                    Assert.Equal(expectedBytes, frame.Data.Length);
                    Assert.Equal(frame.Info.FrameBytes, frame.Data.Length);
                }
                catch (DicomFormatException ex)
                {
                    Assert.Contains("(7FE0,0010)", ex.Message, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(tried >= Math.Min(cutPoints, 2 * (fragment.Length - 2)), $"only {tried} damaged files tried");
        return tried;
    }
}
