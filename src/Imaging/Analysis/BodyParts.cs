namespace MedicalImaging.Imaging.Analysis;

/// <summary>Body-part tests on the free-text Body Part Examined.</summary>
internal static class BodyParts
{
    public static bool IsChest(ImageMetadata metadata)
    {
        var part = metadata.BodyPart?.ToUpperInvariant() ?? string.Empty;
        return part.Contains("CHEST") || part.Contains("THORAX") || part.Contains("LUNG") || part.Contains("THX");
    }

    /// <summary>Anatomy that is left/right symmetric in a frontal or axial view.</summary>
    public static bool IsBilateral(ImageMetadata metadata)
    {
        var part = metadata.BodyPart?.ToUpperInvariant() ?? string.Empty;
        return IsChest(metadata) || part.Contains("HEAD") || part.Contains("BRAIN") || part.Contains("SKULL") || part.Contains("PELVIS");
    }
}
