using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Heatmaps;

public sealed class AnomalyHeatmapGeneratorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Generate_ChestPhantomWithLesion_HottestRegionOverlapsLesion(bool lesionImageLeft)
    {
        const int size = 768;
        var image = ChestPhantom.Decoded(size, lesion: true, lesionImageLeft: lesionImageLeft);
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions { MaxDimension = 512 });

        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, []);

        var (centre, radius) = ChestPhantom.Lesion(size, lesionImageLeft);
        var lesion = new NormalizedBox((double)(centre.X - radius) / size, (double)(centre.Y - radius) / size, 2.0 * radius / size, 2.0 * radius / size);
        Assert.True(Overlap(heatmap.HottestRegion, lesion) > 0, $"hottest {heatmap.HottestRegion} does not overlap lesion {lesion}");
        Assert.Contains("mirror", heatmap.Method);
    }

    [Fact]
    public void Generate_PeakScore_FocalLesionStandsOutAgainstNormalAnatomy()
    {
        var generator = new AnomalyHeatmapGenerator();
        var preprocessor = new ModalityPreprocessor();
        var peaks = new Dictionary<string, double>();
        foreach (var (name, image) in new[]
        {
            ("lesion", ChestPhantom.Decoded(512, lesion: true)),
            ("lesion right 768", ChestPhantom.Decoded(768, lesion: true, lesionImageLeft: false)),
            ("no lesion", ChestPhantom.Decoded(512, lesion: false)),
            ("no lesion 768", ChestPhantom.Decoded(768, lesion: false)),
            ("ct", CtPhantom.Create(metal: false).ToDecoded()),
        })
        {
            peaks[name] = generator.Generate(image, preprocessor.Preprocess(image, new PreprocessOptions()), []).PeakScore;
        }

        // FocalDeviation.PeakThreshold (1.5) separates them: lesions ~2, normal phantom anatomy ≤ ~1.
        Assert.True(peaks["lesion"] >= 1.5 && peaks["lesion right 768"] >= 1.5 && peaks["no lesion"] < 1.5 && peaks["no lesion 768"] < 1.5 && peaks["ct"] < 1.5,
            string.Join(", ", peaks.Select(p => $"{p.Key} {p.Value:F3}")));
    }

    [Fact]
    public void Generate_NonBilateralImageWithFocalSpot_HottestRegionIsTheSpotWithoutMirrorTerm()
    {
        // An asymmetric abdomen-like scene (no bilateral body part, poor mirror correlation).
        using var mat = new OpenCvSharp.Mat(400, 400, OpenCvSharp.MatType.CV_32FC1, OpenCvSharp.Scalar.All(20));
        OpenCvSharp.Cv2.Rectangle(mat, new OpenCvSharp.Rect(20, 60, 260, 300), OpenCvSharp.Scalar.All(120), -1);
        OpenCvSharp.Cv2.Circle(mat, new OpenCvSharp.Point(80, 120), 45, OpenCvSharp.Scalar.All(170), -1);
        OpenCvSharp.Cv2.Circle(mat, new OpenCvSharp.Point(200, 250), 12, OpenCvSharp.Scalar.All(230), -1);
        mat.GetArray(out float[] pixels);
        var image = new DecodedImage
        {
            Width = 400, Height = 400, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "OT", BodyPart = "ABDOMEN" },
        };
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());

        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, []);

        Assert.True(Overlap(heatmap.HottestRegion, new NormalizedBox(188 / 400.0, 238 / 400.0, 24 / 400.0, 24 / 400.0)) > 0, $"hottest {heatmap.HottestRegion}");
        Assert.DoesNotContain("mirror", heatmap.Method);
    }

    [Fact]
    public void Generate_ReportedRegionWithHighConfidence_PullsHottestRegionToIt()
    {
        var image = ChestPhantom.Decoded(512, lesion: false);
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        var reported = new RegionOfInterest(new NormalizedBox(0.6, 0.6, 0.1, 0.1), 0.95, "opacity");

        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, [reported]);

        Assert.True(Overlap(heatmap.HottestRegion, reported.Box) > 0);
        Assert.Contains("provider-reported", heatmap.Method);
    }

    [Fact]
    public void Generate_AnyImage_ReturnsPngWithLegendBesideTheImage()
    {
        var image = ChestPhantom.Decoded(300, lesion: true);
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());

        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, []);
        using var png = Cv2.ImDecode(heatmap.Png, ImreadModes.Color);

        Assert.False(png.Empty());
        Assert.True(png.Width > preprocessed.Width);
        Assert.True(png.Height > preprocessed.Height);
        Assert.False(string.IsNullOrWhiteSpace(heatmap.Method));
    }

    [Fact]
    public void Generate_GreyViewOfTheWrongSize_ThrowsTheArgumentExceptionItself_NotAnAggregate()
    {
        // The detector and the map run side by side; a failure must still reach the caller as what it is.
        var image = ChestPhantom.Decoded(64, lesion: false);
        var broken = new PreprocessedImage { Png = [], Width = 64, Height = 64, Grey8 = new byte[10], Parameters = new Dictionary<string, string>() };

        var error = Assert.Throws<ArgumentException>(() => new AnomalyHeatmapGenerator().Generate(image, broken, []));

        Assert.Contains("Grey buffer has 10 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SameImageTwice_SameHeatmapBytesAndFocalResult()
    {
        // Side by side or not, the output is a function of the input.
        var image = ChestPhantom.Decoded(400, lesion: true);
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        var generator = new AnomalyHeatmapGenerator();

        var first = generator.Generate(image, preprocessed, []);
        var second = generator.Generate(image, preprocessed, []);

        Assert.Equal(first.Png, second.Png);
        Assert.Equal(first.FocalSearched, second.FocalSearched);
        Assert.Equal(first.Focal, second.Focal);
        Assert.Equal(first.HottestRegion, second.HottestRegion);
    }

    private static double Overlap(NormalizedBox a, NormalizedBox b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}
