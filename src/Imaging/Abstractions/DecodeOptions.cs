namespace MedicalImaging.Imaging;

/// <summary>Options for <see cref="IImageDecoder.Decode"/>.</summary>
public sealed record DecodeOptions
{
    /// <summary>Frame to decode (0-based); null lets the decoder choose a representative frame (the middle one).</summary>
    public int? FrameIndex { get; init; }

    /// <summary>Modality hint for formats that do not carry one (PNG/JPEG), e.g. "CR" or "CT".</summary>
    public string? ModalityHint { get; init; }

    /// <summary>Body part hint for formats that do not carry one.</summary>
    public string? BodyPartHint { get; init; }

    /// <summary>
    /// The probe this decoder returned for the same bytes, if any: its <see cref="ImageProbe.DecoderState"/> saves
    /// parsing the file twice. Never pass a probe of other bytes.
    /// </summary>
    public ImageProbe? Probe { get; init; }
}
