using MedicalImaging.Imaging.Preprocessing;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Preprocessing;

/// <summary>
/// The provider PNG is encoded only when something reads it (an analysis the local provider answers never does), and
/// what it then holds is exactly the preprocessed image: the grey view, or the RGB model image for CT windows.
/// </summary>
public sealed class LazyPngTests
{
    [Fact]
    public void GreyRoute_PngNotEncodedUntilRead_ThenDecodesToGrey8()
    {
        var preprocessed = new ModalityPreprocessor().Preprocess(Image("CR", isHounsfield: false), new PreprocessOptions { MaxDimension = 64 });

        Assert.False(preprocessed.PngEncoded);
        using var decoded = Cv2.ImDecode(preprocessed.Png, ImreadModes.Unchanged);

        Assert.True(preprocessed.PngEncoded);
        Assert.Same(preprocessed.Png, preprocessed.Png);
        Assert.Equal(MatType.CV_8UC1, decoded.Type());
        decoded.GetArray(out byte[] pixels);
        Assert.Equal(preprocessed.Grey8, pixels);
    }

    [Fact]
    public void CtRoute_PngEncodedOnRead_HoldsThreeWindowChannels()
    {
        var preprocessed = new ModalityPreprocessor().Preprocess(Image("CT", isHounsfield: true), new PreprocessOptions { MaxDimension = 64 });

        Assert.False(preprocessed.PngEncoded);
        using var decoded = Cv2.ImDecode(preprocessed.Png, ImreadModes.Unchanged);

        Assert.Equal(MatType.CV_8UC3, decoded.Type());
        Assert.Equal(preprocessed.Width, decoded.Width);
        Assert.Equal(preprocessed.Height, decoded.Height);
        // Three different windows of the same HU ramp: the channels differ from one another.
        var channels = decoded.Split();
        Assert.NotEqual(0, Cv2.Norm(channels[0], channels[1]) + Cv2.Norm(channels[1], channels[2]));
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }

    private static DecodedImage Image(string modality, bool isHounsfield)
    {
        const int Side = 64;
        var pixels = new float[Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = isHounsfield ? -1000 + (i % Side * 40) : (i * 37) % 251;
        }

        return new DecodedImage
        {
            Width = Side,
            Height = Side,
            Channels = 1,
            Pixels = pixels,
            Metadata = new ImageMetadata { Modality = modality, IsHounsfield = isHounsfield, BodyPart = "CHEST", PhotometricInterpretation = "MONOCHROME2" },
        };
    }
}
