namespace MedicalImaging.Fuzz.Targets;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>The targets in the order scripts/fuzz.sh lists them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new DicomParserTarget(),
        new RleTarget(),
        new JpegLosslessTarget(),
        new JpegLsTarget(),
        new RasterTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
