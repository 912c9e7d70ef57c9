namespace MedicalImaging.Server.Cluster;

/// <summary>Who holds one stored image (owner hashes) and its size: the image leaves the object store with its last holder.</summary>
public sealed record ImageHolders(IReadOnlyList<string> Owners, long SizeBytes);
