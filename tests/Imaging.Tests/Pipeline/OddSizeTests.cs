using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;

namespace MedicalImaging.Imaging.Tests.Pipeline;

/// <summary>Every modality route survives tiny, thin and flat images end to end.</summary>
public sealed class OddSizeTests
{
    public static TheoryData<string, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var modality in new[] { "CT", "MR", "CR", "US", "PT", "OT" })
        {
            data.Add(modality, 1, 1, 1);
            data.Add(modality, 7, 3, 1);
            data.Add(modality, 1500, 4, 1);
            data.Add(modality, 5, 900, 1);
            data.Add(modality, 40, 30, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pipeline_TinyOrThinImage_ProducesConsistentOutputs(string modality, int width, int height, int channels)
    {
        var pixels = new float[width * height * channels];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (i * 37) % 251;
        }

        var image = new DecodedImage
        {
            Width = width,
            Height = height,
            Channels = channels,
            Pixels = pixels,
            Metadata = new ImageMetadata { Modality = modality, IsHounsfield = modality == "CT" && channels == 1, BodyPart = "CHEST", PhotometricInterpretation = channels == 3 ? "RGB" : "MONOCHROME2" },
        };

        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions { MaxDimension = 256 });
        var analysis = new QuantitativeAnalyzer().Analyze(image, preprocessed);
        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, [new RegionOfInterest(new NormalizedBox(0, 0, 1, 1), 0.5, "x")]);

        Assert.Equal(preprocessed.Width * preprocessed.Height, preprocessed.Grey8.Length);
        Assert.InRange(Math.Max(preprocessed.Width, preprocessed.Height), 1, 256);
        Assert.NotEmpty(preprocessed.Png);
        Assert.NotEmpty(analysis.Findings);
        Assert.All(analysis.Measurements.Values, v => Assert.True(double.IsFinite(v)));
        Assert.NotEmpty(heatmap.Png);
        Assert.InRange(heatmap.HottestRegion.X, 0, 1);
        Assert.InRange(heatmap.HottestRegion.Y, 0, 1);
    }

    [Fact]
    public void Pipeline_FlatImage_ReportsLowContrastAndNoNaN()
    {
        var image = new DecodedImage
        {
            Width = 128, Height = 128, Channels = 1, Pixels = Enumerable.Repeat(500f, 128 * 128).ToArray(),
            Metadata = new ImageMetadata { Modality = "MR", BitsStored = 12 },
        };

        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        var analysis = new QuantitativeAnalyzer().Analyze(image, preprocessed);
        var heatmap = new AnomalyHeatmapGenerator().Generate(image, preprocessed, []);

        Assert.Contains("low_contrast", analysis.QualityFlags);
        Assert.All(analysis.Measurements.Values, v => Assert.True(double.IsFinite(v)));
        Assert.NotEmpty(heatmap.Png);
    }
}
