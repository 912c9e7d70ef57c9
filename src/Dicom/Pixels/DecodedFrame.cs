namespace MedicalImaging.Dicom;

/// <summary>
/// One frame's stored values after decompression, before rescale or LUT: little-endian, <see cref="PixelDataInfo.BytesPerSample"/>
/// wide (1-bit unpacked to bytes), signed per Pixel Representation, samples interleaved per pixel.
/// </summary>
/// <param name="Info">The pixel module the frame was decoded with.</param>
/// <param name="Data">The samples.</param>
/// <param name="Photometric">Photometric interpretation of <paramref name="Data"/> (JPEG YBR arrives as RGB; native 4:2:2 as YBR_FULL).</param>
/// <param name="FrameIndex">Which frame (0-based).</param>
/// <param name="Codec">The codec that decoded it ("native" for uncompressed data).</param>
public sealed record DecodedFrame(PixelDataInfo Info, byte[] Data, string Photometric, int FrameIndex, string Codec);
