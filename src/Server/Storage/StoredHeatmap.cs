namespace MedicalImaging.Server.Storage;

/// <summary>A heatmap PNG of one image of a report.</summary>
public sealed record StoredHeatmap(int ImageIndex, byte[] Png);
