namespace MedicalImaging.Server.Pipeline;

/// <summary>One image of a request: inline bytes or the id of an uploaded image.</summary>
public sealed record ImageSource(
    int Index,
    string Filename,
    ReadOnlyMemory<byte>? Content,
    string? ImageId,
    string? ModalityHint,
    string? BodyPartHint,
    int? FrameIndex);
