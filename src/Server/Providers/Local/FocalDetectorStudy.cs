using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Phantoms;
using MedicalImaging.Imaging.Preprocessing;

namespace MedicalImaging.Server.Providers.Local;

/// <summary>
/// Measures the local focal detector (preprocessing → anomaly heatmap → <see cref="FocalDeviationFinding"/>) on
/// generated phantoms exactly as the pipeline runs it: a lesion counts as found when the finding's box, mapped back to
/// source coordinates, overlaps the true lesion box; any focal finding on a lesion-free phantom is a false positive.
/// Used by the bench (bench/Server.Benchmarks --focal-detector) and held to a floor by a test.
/// </summary>
public static class FocalDetectorStudy
{
    /// <summary>Scores <paramref name="count"/> lesion and <paramref name="count"/>/2 lesion-free phantoms of <paramref name="kind"/>.</summary>
    public static FocalDetectorScore Run(string kind, int seed, int count, int maxDegreeOfParallelism = 1)
    {
        int found = 0, falsePositives = 0;
        var clean = count / 2;
        Parallel.For(0, count + clean, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            var lesion = i < count;
            var phantom = LesionPhantoms.Create(kind, seed, i, lesion);
            var box = Detect(phantom.Image);
            if (lesion && box is { } b && Overlaps(b, phantom.Lesion!.Value))
            {
                Interlocked.Increment(ref found);
            }
            else if (!lesion && box is not null)
            {
                Interlocked.Increment(ref falsePositives);
            }
        });
        return new FocalDetectorScore(kind, count, found, clean, falsePositives);
    }

    /// <summary>The focal finding's box in source coordinates, or null when the detector reports none.</summary>
    public static NormalizedBox? Detect(DecodedImage image)
    {
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, []);
        var finding = FocalDeviationFinding.From(heatmap, "f1", 0, LocalVisionAnalyzer.ProviderName);
        return finding?.Region is { } box ? SourceRegions.ToSource(box, preprocessed.SourceCrop, image.Width, image.Height) : null;
    }

    private static bool Overlaps(NormalizedBox a, NormalizedBox b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
}
