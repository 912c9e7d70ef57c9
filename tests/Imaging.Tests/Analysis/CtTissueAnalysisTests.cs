using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;

namespace MedicalImaging.Imaging.Tests.Analysis;

public sealed class CtTissueAnalysisTests
{
    // Stated tolerance: 0.5 percentage points of the body area (the phantom's edges are exact, so
    // the only slack is the hole-filled body mask).
    private const double Tolerance = 0.005;

    [Theory]
    [InlineData("air_lung")]
    [InlineData("fat")]
    [InlineData("soft_tissue")]
    [InlineData("bone")]
    [InlineData("metal")]
    public void Analyze_CtPhantom_TissueFractionMatchesDrawnArea(string tissue)
    {
        var phantom = CtPhantom.Create();
        var analysis = Analyze(phantom.ToDecoded());

        var expected = phantom.Areas[tissue] / (double)phantom.BodyArea;
        Assert.InRange(analysis.Measurements[$"ct_fraction_{tissue}"], expected - Tolerance, expected + Tolerance);
    }

    [Fact]
    public void Analyze_CtPhantom_LargestRegionsAndBodyAreaMeasured()
    {
        var phantom = CtPhantom.Create();
        var analysis = Analyze(phantom.ToDecoded());

        Assert.Equal(2, analysis.Measurements["ct_regions_air_lung"]);
        Assert.Equal(1, analysis.Measurements["ct_regions_bone"]);
        var oneLung = phantom.Areas["air_lung"] / 2.0 / phantom.BodyArea;
        Assert.InRange(analysis.Measurements["ct_largest_air_lung_fraction"], oneLung - Tolerance, oneLung + Tolerance);
        Assert.InRange(analysis.Measurements["ct_body_area_cm2"], phantom.BodyArea * 0.49 / 100 * 0.99, phantom.BodyArea * 0.49 / 100 * 1.01);
        Assert.InRange(analysis.Measurements["ct_fraction_other"], -Tolerance, Tolerance);
    }

    [Fact]
    public void Analyze_CtPhantomWithMetal_ReportsMetalAsMeasurementNotDiagnosis()
    {
        var analysis = Analyze(CtPhantom.Create(metal: true).ToDecoded());

        var metal = Assert.Single(analysis.Findings, f => f.Description.Contains("Metal-density"));
        Assert.Equal(FindingSeverity.Mild, metal.Severity);
        Assert.NotNull(metal.Region);
        var box = metal.Region!.Value;
        Assert.InRange(box.X + (box.Width / 2), 0.48, 0.52);
        Assert.InRange(box.Y + (box.Height / 2), 0.56, 0.61);
    }

    [Fact]
    public void Analyze_CtPhantomWithSmallLeftLung_ReportsLungAreaAsymmetry()
    {
        var symmetric = Analyze(CtPhantom.Create(metal: false).ToDecoded());
        var collapsed = Analyze(CtPhantom.Create(metal: false, leftLungCollapsed: true).ToDecoded());

        Assert.True(symmetric.Measurements["ct_lung_area_asymmetry"] < 0.05);
        Assert.True(collapsed.Measurements["ct_lung_area_asymmetry"] > 0.5);
        var finding = Assert.Single(collapsed.Findings, f => f.Description.Contains("Aerated lung area"));
        Assert.Equal("left lung", finding.Anatomy);
        Assert.Contains("not a diagnosis", finding.Description);
        Assert.Contains(symmetric.Findings, f => f.Severity == FindingSeverity.Normal);
    }

    [Fact]
    public void Analyze_ValuesExactlyOnClassBoundaries_CountInTheUpperClass()
    {
        // A 100×100 body of 40 HU on air, with 10×10 patches exactly on the lower bounds:
        // −190 → fat, −30 → soft tissue, 150 → other, 300 → bone, 2500 → metal.
        var pixels = new float[128 * 128];
        Array.Fill(pixels, -1000f);
        for (var y = 14; y < 114; y++)
        {
            for (var x = 14; x < 114; x++)
            {
                pixels[(y * 128) + x] = 40;
            }
        }

        float[] patch = [-190, -30, 150, 300, 2500];
        for (var p = 0; p < patch.Length; p++)
        {
            for (var y = 20; y < 30; y++)
            {
                for (var x = 20 + (p * 15); x < 30 + (p * 15); x++)
                {
                    pixels[(y * 128) + x] = patch[p];
                }
            }
        }

        var image = new DecodedImage
        {
            Width = 128, Height = 128, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "CT", IsHounsfield = true, BitsStored = 12 },
        };

        var m = Analyze(image).Measurements;

        Assert.Equal(0.01, m["ct_fraction_fat"], 4);
        Assert.Equal(1 - 0.04, m["ct_fraction_soft_tissue"], 4);
        Assert.Equal(0.01, m["ct_fraction_other"], 4);
        Assert.Equal(0.01, m["ct_fraction_bone"], 4);
        Assert.Equal(0.01, m["ct_fraction_metal"], 4);
    }

    private static QuantitativeAnalysis Analyze(DecodedImage image)
    {
        var preprocessed = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        return new QuantitativeAnalyzer().Analyze(image, preprocessed);
    }
}
