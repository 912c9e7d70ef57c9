using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Detection;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Phantoms;
using MedicalImaging.Imaging.Preprocessing;

namespace MedicalImaging.Server.Providers.Local;

/// <summary>
/// Measures the local focal detector (preprocessing → anomaly heatmap with its noise-relative lesion detector →
/// <see cref="FocalDeviationFinding"/>) on generated phantoms exactly as the pipeline runs it: a lesion counts as found
/// when the finding's box, mapped back to source coordinates, matches the true lesion box (<see cref="Matches"/>); any
/// focal finding on a lesion-free phantom is a false positive. Used by the bench (bench/Server.Benchmarks
/// --focal-detector) and held to a floor and a ceiling by a test.
/// </summary>
public static class FocalDetectorStudy
{
    /// <summary>Smallest intersection-over-union of the finding's box with the true lesion box that counts as found.</summary>
    public const double MinIntersectionOverUnion = 0.2;

    /// <summary>Scores <paramref name="count"/> lesion and <paramref name="count"/>/2 lesion-free phantoms of <paramref name="kind"/>.</summary>
    public static FocalDetectorScore Run(string kind, int seed, int count, int maxDegreeOfParallelism = 1) =>
        Score(kind, Cases(kind, seed, count, maxDegreeOfParallelism));

    /// <summary>Every phantom's outcome: <paramref name="count"/> with a lesion (indices 0..count-1), then count/2 without.</summary>
    public static IReadOnlyList<FocalDetectorCase> Cases(string kind, int seed, int count, int maxDegreeOfParallelism = 1)
    {
        var clean = count / 2;
        var cases = new FocalDetectorCase[count + clean];
        Parallel.For(0, count + clean, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            var lesion = i < count;
            var phantom = LesionPhantoms.Create(kind, seed, lesion ? i : i - count, lesion);
            var box = Detect(phantom.Image);
            var found = lesion && box is { } b && Matches(b, phantom.Lesion!.Value);
            cases[i] = new FocalDetectorCase(lesion ? i : i - count, phantom.Lesion, phantom.ContrastSigmas, box, found);
        });
        return cases;
    }

    /// <summary>Counts of <paramref name="cases"/>.</summary>
    public static FocalDetectorScore Score(string kind, IReadOnlyList<FocalDetectorCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return new FocalDetectorScore(kind,
            cases.Count(c => c.Lesion is not null), cases.Count(c => c.Found),
            cases.Count(c => c.Lesion is null), cases.Count(c => c.Lesion is null && c.Detected is not null));
    }

    /// <summary>The focal finding's box in source coordinates, or null when the detector reports none.</summary>
    public static NormalizedBox? Detect(DecodedImage image)
    {
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, []);
        var finding = FocalDeviationFinding.From(heatmap, "f1", 0, LocalVisionAnalyzer.ProviderName);
        return finding?.Region is { } box ? SourceRegions.ToSource(box, preprocessed.SourceCrop, image.Width, image.Height) : null;
    }

    /// <summary>
    /// For calibrating <see cref="FocalLesionDetector.Threshold"/>: the significance of the strongest blob the detector
    /// sees with no threshold, on each lesion phantom (0 when that blob does not match the lesion) and each lesion-free
    /// phantom (the would-be false positive).
    /// </summary>
    public static (double[] Lesion, double[] Clean) Significances(string kind, int seed, int count, int maxDegreeOfParallelism = 1)
    {
        var clean = count / 2;
        var values = new double[count + clean];
        Parallel.For(0, count + clean, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            var lesion = i < count;
            var phantom = LesionPhantoms.Create(kind, seed, lesion ? i : i - count, lesion);
            var preprocessed = new ModalityPreprocessor().Preprocess(phantom.Image, new PreprocessOptions());
            var blob = FocalLesionDetector.Detect(preprocessed.Grey8, preprocessed.Width, preprocessed.Height, threshold: 0, out _);
            var matches = blob is not null && (!lesion || Matches(SourceRegions.ToSource(blob.Region, preprocessed.SourceCrop, phantom.Image.Width, phantom.Image.Height), phantom.Lesion!.Value));
            values[i] = matches ? blob!.Significance : 0;
        });
        return (values[..count], values[count..]);
    }

    /// <summary>Found: the finding's box holds the lesion's centre and overlaps its box with IoU ≥ <see cref="MinIntersectionOverUnion"/>.</summary>
    public static bool Matches(NormalizedBox found, NormalizedBox truth)
    {
        var cx = truth.X + (truth.Width / 2);
        var cy = truth.Y + (truth.Height / 2);
        var holdsCentre = cx >= found.X && cx <= found.X + found.Width && cy >= found.Y && cy <= found.Y + found.Height;
        return holdsCentre && IntersectionOverUnion(found, truth) >= MinIntersectionOverUnion;
    }

    /// <summary>Area of the intersection over area of the union of two boxes.</summary>
    public static double IntersectionOverUnion(NormalizedBox a, NormalizedBox b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var intersection = w * h;
        return intersection / ((a.Width * a.Height) + (b.Width * b.Height) - intersection);
    }
}
