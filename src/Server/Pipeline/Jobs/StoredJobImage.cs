namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>One image of a stored request: always an image-store id (inline bytes are stored first).</summary>
/// <param name="Index">Position in the request.</param>
/// <param name="Filename">The client's file name.</param>
/// <param name="ImageId">SHA-256 id in the image store.</param>
/// <param name="ModalityHint">Modality hint, or null.</param>
/// <param name="BodyPartHint">Body part hint, or null.</param>
/// <param name="FrameIndex">Chosen frame, or null.</param>
/// <param name="Inline">The client sent the bytes inline (the server stored them for the job).</param>
public sealed record StoredJobImage(int Index, string Filename, string ImageId, string? ModalityHint, string? BodyPartHint, int? FrameIndex, bool Inline);
