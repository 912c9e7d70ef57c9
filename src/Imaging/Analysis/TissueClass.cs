namespace MedicalImaging.Imaging.Analysis;

/// <summary>A CT tissue class as a half-open Hounsfield range [Low, High).</summary>
/// <param name="Name">Measurement name suffix (air_lung, fat, soft_tissue, bone, metal, other).</param>
/// <param name="Low">Inclusive lower bound, HU.</param>
/// <param name="High">Exclusive upper bound, HU.</param>
public sealed record TissueClass(string Name, double Low, double High)
{
    /// <summary>
    /// The classes measured, in HU: air/lung &lt; −400; fat −190..−30; soft tissue −30..150;
    /// bone 300..2500; metal ≥ 2500. Values between classes (−400..−190, 150..300) count as "other".
    /// </summary>
    public static IReadOnlyList<TissueClass> All { get; } =
    [
        new("air_lung", double.NegativeInfinity, -400),
        new("fat", -190, -30),
        new("soft_tissue", -30, 150),
        new("bone", 300, 2500),
        new("metal", 2500, double.PositiveInfinity),
    ];

    /// <summary>The bounds of <see cref="All"/> as single-precision arrays, for pixel loops.</summary>
    internal static (float[] Low, float[] High) Bounds()
    {
        var low = new float[All.Count];
        var high = new float[All.Count];
        for (var k = 0; k < All.Count; k++)
        {
            low[k] = (float)All[k].Low;
            high[k] = (float)All[k].High;
        }

        return (low, high);
    }
}
