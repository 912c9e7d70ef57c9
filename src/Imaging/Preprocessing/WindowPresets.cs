namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// The CT window presets and which three are packed into the R, G, B channels of the model image
/// for a body part (the first one is also the grey view used by analysis and heatmaps).
/// </summary>
public static class WindowPresets
{
    /// <summary>Lung parenchyma: C −600, W 1500.</summary>
    public static readonly WindowPreset Lung = new("lung", -600, 1500);

    /// <summary>Mediastinum / soft tissue: C 40, W 400.</summary>
    public static readonly WindowPreset Mediastinum = new("mediastinum", 40, 400);

    /// <summary>Bone: C 400, W 1800.</summary>
    public static readonly WindowPreset Bone = new("bone", 400, 1800);

    /// <summary>Brain: C 40, W 80.</summary>
    public static readonly WindowPreset Brain = new("brain", 40, 80);

    /// <summary>Subdural (blood against bone): C 75, W 215.</summary>
    public static readonly WindowPreset Subdural = new("subdural", 75, 215);

    /// <summary>Abdomen soft tissue: C 50, W 400.</summary>
    public static readonly WindowPreset Abdomen = new("abdomen", 50, 400);

    /// <summary>Liver: C 30, W 150.</summary>
    public static readonly WindowPreset Liver = new("liver", 30, 150);

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<WindowPreset> All { get; } = [Lung, Mediastinum, Bone, Brain, Subdural, Abdomen, Liver];

    /// <summary>Finds a preset by name (case-insensitive); "soft_tissue"/"soft-tissue" mean mediastinum.</summary>
    public static WindowPreset? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim().ToLowerInvariant();
        if (key is "soft_tissue" or "soft-tissue" or "softtissue" or "soft tissue")
        {
            return Mediastinum;
        }

        return All.FirstOrDefault(p => p.Name == key);
    }

    /// <summary>
    /// The three windows (R, G, B) for a body part; <paramref name="forced"/> (when given) takes the R
    /// channel and becomes the primary window, the other two keep their order.
    /// </summary>
    public static IReadOnlyList<WindowPreset> ForBodyPart(string? bodyPart, WindowPreset? forced = null)
    {
        IReadOnlyList<WindowPreset> set = Classify(bodyPart) switch
        {
            BodyRegion.Chest => [Lung, Mediastinum, Bone],
            BodyRegion.Head => [Brain, Subdural, Bone],
            BodyRegion.Abdomen => [Abdomen, Liver, Bone],
            _ => [Mediastinum, Lung, Bone],
        };

        if (forced is null)
        {
            return set;
        }

        var rest = set.Where(p => p.Name != forced.Name).Take(2).ToList();
        if (rest.Count < 2)
        {
            rest.Add(Bone);
        }

        return [forced, rest[0], rest[1]];
    }

    private static BodyRegion Classify(string? bodyPart)
    {
        var part = bodyPart?.ToUpperInvariant() ?? string.Empty;
        if (part.Contains("CHEST") || part.Contains("LUNG") || part.Contains("THORAX") || part.Contains("THX"))
        {
            return BodyRegion.Chest;
        }

        if (part.Contains("HEAD") || part.Contains("BRAIN") || part.Contains("SKULL"))
        {
            return BodyRegion.Head;
        }

        if (part.Contains("ABD") || part.Contains("LIVER") || part.Contains("PELVIS"))
        {
            return BodyRegion.Abdomen;
        }

        return BodyRegion.Other;
    }

    private enum BodyRegion
    {
        Other,
        Chest,
        Head,
        Abdomen,
    }
}
