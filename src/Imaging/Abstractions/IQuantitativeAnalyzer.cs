namespace MedicalImaging.Imaging;

/// <summary>Measures an image locally, without any AI provider.</summary>
public interface IQuantitativeAnalyzer
{
    /// <summary>Analyses one image; <paramref name="preprocessed"/> is the same image after preprocessing.</summary>
    QuantitativeAnalysis Analyze(DecodedImage image, PreprocessedImage preprocessed);
}
