namespace MedicalImaging.Server.Cluster;

/// <summary>The images one user holds (id → bytes), what USER_STORAGE_QUOTA_MB is checked against.</summary>
public sealed record UserImages(IReadOnlyDictionary<string, long> Images);
