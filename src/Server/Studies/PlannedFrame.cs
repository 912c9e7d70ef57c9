namespace MedicalImaging.Server.Studies;

/// <summary>
/// One image a study analysis runs on: the stored instance (image store id, SOP Instance UID), the frame (0-based; null
/// for a single-frame instance) and a label saying where it sits in its series, e.g. "series 2 CT: slice 40 of 120".
/// </summary>
public sealed record PlannedFrame(string ImageId, string SopInstanceUid, string SeriesInstanceUid, int? FrameIndex, string Label);
