using MedicalImaging.Imaging;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Decoding;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline;

/// <summary>Registers the imaging library's steps the pipeline stages call: decoders, preprocessing, measurements, heatmaps; and OpenCV single-threaded (<see cref="OpenCvThreads"/>).</summary>
public static class ImageProcessingServiceCollectionExtensions
{
    /// <summary>
    /// The DICOM decoder (inflate limit from MAX_IMAGE_SIZE_MB) then the raster decoder (PNG/JPEG/...): decoders are tried
    /// in this order and the first whose CanDecode accepts the bytes decodes them.
    /// </summary>
    public static IServiceCollection AddImageProcessing(this IServiceCollection services)
    {
        services.AddSingleton<IImageDecoder>(sp => new MedicalImaging.Dicom.DicomImageDecoder(parse: new MedicalImaging.Dicom.DicomParseOptions
        {
            MaxInflatedBytes = sp.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.MaxImageBytes * AdmissionOptions.InflatedSizeMultiple,
            MaxInflatedBytesSource = $"{AdmissionOptions.InflatedSizeMultiple} × MAX_IMAGE_SIZE_MB",
        }));
        services.AddSingleton<IImageDecoder, RasterImageDecoder>();
        services.AddSingleton<IImagePreprocessor, ModalityPreprocessor>();
        services.AddSingleton<IQuantitativeAnalyzer, QuantitativeAnalyzer>();
        services.AddSingleton<IHeatmapGenerator, AnomalyHeatmapGenerator>();
        services.AddHostedService<OpenCvThreads>();
        return services;
    }
}
