namespace MedicalImaging.Imaging;

/// <summary>Modality-aware preprocessing: decoded pixels in, provider-ready PNG out.</summary>
public interface IImagePreprocessor
{
    /// <summary>Preprocesses one decoded image.</summary>
    PreprocessedImage Preprocess(DecodedImage image, PreprocessOptions options);
}
