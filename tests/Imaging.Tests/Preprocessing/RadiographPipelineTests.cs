using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Preprocessing;

public sealed class RadiographPipelineTests
{
    [Fact]
    public void Preprocess_Monochrome1_IsInvertedToMatchMonochrome2()
    {
        var normal = ChestPhantom.Decoded(256, lesion: false, photometric: "MONOCHROME2");
        var inverted = ChestPhantom.Decoded(256, lesion: false, photometric: "MONOCHROME1");
        var preprocessor = new ModalityPreprocessor();

        var fromNormal = preprocessor.Preprocess(normal, new PreprocessOptions());
        var fromInverted = preprocessor.Preprocess(inverted, new PreprocessOptions());

        Assert.Equal("MONOCHROME1 → MONOCHROME2", fromInverted.Parameters["inverted"]);
        Assert.False(fromNormal.Parameters.ContainsKey("inverted"));

        // The body (dense) must be brighter than the lungs in both, and the two views nearly equal.
        var centreOfLung = (128 * 256) + 82;
        var mediastinum = (128 * 256) + 128;
        Assert.True(fromInverted.Grey8[mediastinum] > fromInverted.Grey8[centreOfLung] + 40);
        var meanDifference = fromNormal.Grey8.Zip(fromInverted.Grey8, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanDifference < 4, $"mean |difference| {meanDifference}");
    }

    [Fact]
    public void Preprocess_RadiographWithCollimationBorder_CropsAndRecordsIt()
    {
        var image = ChestPhantom.Decoded(400, lesion: false, modality: "DX", bitsStored: 8);
        for (var y = 0; y < 400; y++)
        {
            for (var x = 0; x < 400; x++)
            {
                if (x < 40 || y < 30 || x >= 370)
                {
                    image.Pixels[(y * 400) + x] = 250;
                }
            }
        }

        var result = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());

        Assert.Contains("x=40,y=30,w=330,h=370", result.Parameters["crop"]);
        Assert.Equal((330, 370), (result.Width, result.Height));
        Assert.Equal("clip 2.0, tiles 8x8", result.Parameters["clahe"]);
    }

    [Fact]
    public void Preprocess_LargeRadiograph_ResizesPreservingAspectAndEncodesPng()
    {
        // A gradient background, so no edge band is uniform enough to be taken for collimation.
        using var mat = new Mat(1500, 1000, MatType.CV_32FC1);
        for (var y = 0; y < 1500; y++)
        {
            for (var x = 0; x < 1000; x++)
            {
                mat.Set(y, x, 1000f + x + (y / 2f));
            }
        }

        Cv2.Circle(mat, new Point(500, 700), 300, Scalar.All(3000), -1);
        mat.GetArray(out float[] pixels);
        var image = new DecodedImage
        {
            Width = 1000, Height = 1500, Channels = 1, Pixels = pixels,
            Metadata = new ImageMetadata { Modality = "CR", BitsStored = 12 },
        };

        var result = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions { MaxDimension = 600 });
        using var png = Cv2.ImDecode(result.Png, ImreadModes.Unchanged);

        Assert.Equal((400, 600), (result.Width, result.Height));
        Assert.Equal((400, 600, 1), (png.Width, png.Height, png.Channels()));
        Assert.Equal(400 * 600, result.Grey8.Length);
        Assert.Equal("0.4000", result.Parameters["scale"]);
        Assert.StartsWith("percentile", result.Parameters["normalisation"]);
    }
}
