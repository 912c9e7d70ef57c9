using MedicalImaging.Imaging.Preprocessing;

namespace MedicalImaging.Imaging.Tests.Preprocessing;

public sealed class VoiWindowTests
{
    [Theory]
    // lung C-600/W1500: bottom −1350 and below → 0, top −600+750 and above → 255, centre → 128.
    [InlineData("lung", -1350, 0)]
    [InlineData("lung", -1000, 60)]
    [InlineData("lung", -600, 128)]
    [InlineData("lung", 150, 255)]
    // mediastinum C40/W400: −160 → 0, water 0 → 102, 40 → 128, 240 → 255.
    [InlineData("mediastinum", -160, 0)]
    [InlineData("mediastinum", 0, 102)]
    [InlineData("mediastinum", 40, 128)]
    [InlineData("mediastinum", 240, 255)]
    // bone C400/W1800: 400 → 128, 1300 → 255, −500 → 0.
    [InlineData("bone", 400, 128)]
    [InlineData("bone", 1300, 255)]
    [InlineData("bone", -500, 0)]
    // brain C40/W80 (narrow, so the half-level offset shows): 0 → 0, 20 → 65, 40 → 129, 80 → 255.
    [InlineData("brain", 0, 0)]
    [InlineData("brain", 20, 65)]
    [InlineData("brain", 40, 129)]
    [InlineData("brain", 80, 255)]
    // abdomen C50/W400: 50 → 128; liver C30/W150: 30 → 128, 60 → 180.
    [InlineData("abdomen", 50, 128)]
    [InlineData("liver", 30, 128)]
    [InlineData("liver", 60, 180)]
    public void Map_PresetAndKnownHu_GivesKnownGreyLevel(string preset, double hu, int expected)
    {
        var window = WindowPresets.Find(preset)!;

        Assert.Equal(expected, VoiWindow.Map(hu, window.Center, window.Width));
    }

    [Fact]
    public void Preprocess_CtPixelsAtKnownHu_MatchesScalarWindowInEveryChannel()
    {
        float[] hu = [-1350, -1000, -600, -160, 0, 40, 150, 240, 400, 1300, 3000, -3000];
        var image = new DecodedImage
        {
            Width = hu.Length,
            Height = 1,
            Channels = 1,
            Pixels = hu,
            Metadata = new ImageMetadata { Modality = "CT", BodyPart = "CHEST", IsHounsfield = true, BitsStored = 12 },
        };

        var result = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        using var png = OpenCvSharp.Cv2.ImDecode(result.Png, OpenCvSharp.ImreadModes.Color);

        for (var i = 0; i < hu.Length; i++)
        {
            var bgr = png.At<OpenCvSharp.Vec3b>(0, i);
            Assert.Equal(VoiWindow.Map(hu[i], -600, 1500), result.Grey8[i]);
            Assert.Equal(VoiWindow.Map(hu[i], -600, 1500), bgr.Item2); // R = lung
            Assert.Equal(VoiWindow.Map(hu[i], 40, 400), bgr.Item1);    // G = mediastinum
            Assert.Equal(VoiWindow.Map(hu[i], 400, 1800), bgr.Item0);  // B = bone
        }

        Assert.Equal("lung C-600/W1500", result.Parameters["window"]);
    }

    [Theory]
    [InlineData("HEAD", "brain")]
    [InlineData("ABDOMEN", "abdomen")]
    [InlineData("CHEST", "lung")]
    [InlineData(null, "mediastinum")]
    public void ForBodyPart_KnownBodyPart_ChoosesPrimaryWindow(string? bodyPart, string expected)
    {
        Assert.Equal(expected, WindowPresets.ForBodyPart(bodyPart)[0].Name);
    }

    [Fact]
    public void ForBodyPart_ForcedPreset_TakesRedChannel()
    {
        var windows = WindowPresets.ForBodyPart("CHEST", WindowPresets.Find("bone"));

        Assert.Equal(["bone", "lung", "mediastinum"], windows.Select(w => w.Name));
    }
}
