using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Analysis;

public sealed class ChestAsymmetryTests
{
    private static readonly string[] DiagnosisWords = ["pneumonia", "cancer", "tumour", "tumor", "malignan", "carcinoma", "effusion", "covid", "tuberculosis"];

    [Fact]
    public void Analyze_SymmetricChest_MeasuresSmallAsymmetryWithoutFinding()
    {
        var image = ChestPhantom.Decoded(512, lesion: false);

        var analysis = Analyze(image);

        Assert.True(analysis.Measurements["lr_asymmetry"] < 0.05);
        Assert.DoesNotContain(analysis.Findings, f => f.Description.Contains("asymmetry"));
    }

    [Theory]
    [InlineData("MONOCHROME2")]
    [InlineData("MONOCHROME1")]
    public void Analyze_OneDenseLungField_ReportsAsymmetryOnThatSideHonestly(string photometric)
    {
        var image = ChestPhantom.Decoded(512, lesion: false, photometric: photometric);
        using (var pixels = Mat.FromPixelData(512, 512, MatType.CV_32FC1, image.Pixels))
        {
            // Opacify the image-right lung field (patient left on a PA view).
            var dense = photometric == "MONOCHROME1" ? 4095 * 0.4 : 4095 * 0.6;
            Cv2.Ellipse(pixels, new Point(348, 246), new Size(66, 153), 0, 0, 360, Scalar.All(dense), -1);
        }

        var analysis = Analyze(image);

        Assert.True(analysis.Measurements["lr_asymmetry"] > 0.1, $"lr_asymmetry {analysis.Measurements["lr_asymmetry"]}");
        var finding = Assert.Single(analysis.Findings, f => f.Description.Contains("asymmetry"));
        Assert.Equal("left lung field", finding.Anatomy);
        Assert.Contains("image-right", finding.Description);
        Assert.Contains("non-specific", finding.Description);
        Assert.InRange(finding.Confidence, 0.3, 0.7);
        Assert.True(finding.Region!.Value.X > 0.5);
        Assert.DoesNotContain(DiagnosisWords, w => finding.Description.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static QuantitativeAnalysis Analyze(DecodedImage image) =>
        new QuantitativeAnalyzer().Analyze(image, new ModalityPreprocessor().Preprocess(image, new PreprocessOptions()));
}
