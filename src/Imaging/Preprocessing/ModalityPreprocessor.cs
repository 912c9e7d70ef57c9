using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// Modality-aware OpenCV preprocessing into the provider image: CT windows from HU packed into RGB,
/// MR percentile normalisation, radiograph MONOCHROME1 inversion + border crop + CLAHE, ultrasound
/// UI-frame removal + speckle reduction, PET SUVbw; then an aspect-preserving resize to
/// <see cref="PreprocessOptions.MaxDimension"/> and a lossless PNG (encoded when a provider first asks for it). Every choice is recorded in
/// <see cref="PreprocessedImage.Parameters"/>. Stateless and thread-safe.
/// </summary>
public sealed class ModalityPreprocessor : IImagePreprocessor
{
    /// <inheritdoc />
    public PreprocessedImage Preprocess(DecodedImage image, PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["modality"] = image.Metadata.Modality,
            ["frame"] = $"{image.Metadata.FrameIndex} of {image.Metadata.FrameCount} (0-based)",
            ["source_size"] = $"{image.Width}x{image.Height}x{image.Channels}",
        };

        using var source = PixelMats.Wrap(image);
        var route = ModalityRouting.For(image);
        using var display = route switch
        {
            ModalityRoute.Ct => CtPipeline.Render(source, image, options, parameters),
            ModalityRoute.Mr => MrPipeline.Render(source, image, options, parameters),
            ModalityRoute.Radiograph => RadiographPipeline.Render(source, image, options, parameters),
            ModalityRoute.Ultrasound => UltrasoundPipeline.Render(source, image, options, parameters),
            ModalityRoute.Pet => PetPipeline.Render(source, image, options, parameters),
            _ => GenericPipeline.Render(source, image, options, parameters),
        };

        var width = display.Grey.Width;
        var height = display.Grey.Height;
        parameters["output_size"] = $"{width}x{height}";
        var grey8 = new byte[width * height];
        using (var target = PixelMats.WrapGrey8(grey8, width, height))
        {
            display.Grey.CopyTo(target);
        }

        // The PNG is made only if a provider asks for it: from the grey view, or from a copy of the RGB model image.
        Func<byte[]> encodePng;
        if (display.IsRgb)
        {
            var rgb = new byte[width * height * 3];
            using (var target = Mat.FromPixelData(height, width, MatType.CV_8UC3, rgb))
            {
                display.Model.CopyTo(target);
            }

            encodePng = () => EncodeRgb(rgb, width, height);
        }
        else
        {
            encodePng = () => EncodeGrey(grey8, width, height);
        }

        return new PreprocessedImage
        {
            EncodePng = encodePng,
            Width = width,
            Height = height,
            Grey8 = grey8,
            Parameters = parameters,
            SourceCrop = display.Crop,
        };
    }

    private static byte[] EncodeGrey(byte[] grey8, int width, int height)
    {
        using var image = PixelMats.WrapGrey8(grey8, width, height);
        return PngEncoding.Encode(image, isRgb: false);
    }

    private static byte[] EncodeRgb(byte[] rgb, int width, int height)
    {
        using var image = Mat.FromPixelData(height, width, MatType.CV_8UC3, rgb);
        return PngEncoding.Encode(image, isRgb: true);
    }
}
