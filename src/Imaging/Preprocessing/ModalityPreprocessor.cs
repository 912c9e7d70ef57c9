using MedicalImaging.Imaging.Common;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// Modality-aware OpenCV preprocessing into the provider image: CT windows from HU packed into RGB,
/// MR percentile normalisation, radiograph MONOCHROME1 inversion + border crop + CLAHE, ultrasound
/// UI-frame removal + speckle reduction, PET SUVbw; then an aspect-preserving resize to
/// <see cref="PreprocessOptions.MaxDimension"/> and a lossless PNG. Every choice is recorded in
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

        return new PreprocessedImage
        {
            Png = PngEncoding.Encode(display.Model, display.IsRgb),
            Width = width,
            Height = height,
            Grey8 = grey8,
            Parameters = parameters,
            SourceCrop = display.Crop,
        };
    }
}
