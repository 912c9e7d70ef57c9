using System.Security.Cryptography;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Uploads;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Pipeline;

/// <summary>
/// The validate stage, run before anything is streamed so a bad request fails as a plain
/// INVALID_ARGUMENT (REST 400): counts, sizes, formats and decoded dimensions (read from headers,
/// before any pixel buffer is allocated), and the memory estimate admission reserves: an image that could
/// never fit the memory budget is refused here, before anything is decoded.
/// </summary>
public sealed class AnalysisPreparer
{
    private readonly IEnumerable<IImageDecoder> _decoders;
    private readonly IImageStore _images;
    private readonly MedicalImagingOptions _options;
    private readonly AnalysisAdmission _admission;

    public AnalysisPreparer(IEnumerable<IImageDecoder> decoders, IImageStore images, IOptions<MedicalImagingOptions> options, AnalysisAdmission admission)
    {
        _decoders = decoders;
        _images = images;
        _options = options.Value;
        _admission = admission;
    }

    /// <summary>Validates and prepares a request; <paramref name="analysisId"/> names a stored analysis being resumed (null: a new id).</summary>
    public async Task<AnalysisState> PrepareAsync(AnalysisRequest request, CancellationToken cancellationToken, string? analysisId = null)
    {
        if (request.Images.Count == 0)
        {
            throw new InvalidRequestException("images", "The request has no images; send 1 to " + _options.MaxImagesPerRequest + ".");
        }

        if (request.Images.Count > _options.MaxImagesPerRequest)
        {
            throw new InvalidRequestException("images", $"The request has {request.Images.Count} images; at most {_options.MaxImagesPerRequest} are allowed.");
        }

        if (request.Settings.MaxDimension is < 64 or > 4096)
        {
            throw new InvalidRequestException("options.max_dimension", $"max_dimension {request.Settings.MaxDimension} must be 64..4096.");
        }

        var work = new List<ImageWork>(request.Images.Count);
        foreach (var source in request.Images)
        {
            work.Add(await PrepareImageAsync(request.OwnerId, source, cancellationToken));
        }

        var estimate = work.Sum(w => w.MemoryEstimateBytes);
        if (estimate > _admission.BudgetBytes)
        {
            throw new InvalidRequestException("images",
                $"The {work.Count} images together need about {estimate / 1048576.0:F0} MB to analyse; the server's budget is {Megabytes(_admission.BudgetBytes)} MB (ANALYSIS_MEMORY_BUDGET_MB). Send fewer images per request.");
        }

        return new AnalysisState
        {
            AnalysisId = analysisId ?? IdGenerator.New("ana"),
            Request = request,
            Images = work,
            MemoryEstimateBytes = estimate,
            CacheKey = CacheKey.Compute(request, work.Select(w => w.ImageId).ToList(), PipelineInfo.Version),
        };
    }

    private async Task<ImageWork> PrepareImageAsync(string ownerId, ImageSource source, CancellationToken cancellationToken)
    {
        var label = $"images[{source.Index}]" + (string.IsNullOrEmpty(source.Filename) ? string.Empty : $" ({source.Filename})");
        ReadOnlyMemory<byte> bytes;
        string imageId;
        if (source.Content is { } content)
        {
            if (content.Length == 0)
            {
                throw new InvalidRequestException($"images[{source.Index}].content", $"{label} is empty.");
            }

            if (content.Length > _options.MaxImageBytes)
            {
                throw new InvalidRequestException($"images[{source.Index}].content",
                    $"{label} is {content.Length / 1048576.0:F1} MB; the limit is {_options.MaxImageSizeMb} MB (MAX_IMAGE_SIZE_MB).");
            }

            bytes = content;
            imageId = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        }
        else if (!string.IsNullOrEmpty(source.ImageId))
        {
            if (!FileImageStore.IsImageId(source.ImageId))
            {
                throw new InvalidRequestException($"images[{source.Index}].image_id", $"{label}: image_id must be the 64-character lowercase hex SHA-256 UploadImage answered.");
            }

            bytes = await _images.ReadAsync(ownerId, source.ImageId, _options.MaxImageBytes, cancellationToken);
            imageId = source.ImageId;
        }
        else
        {
            throw new InvalidRequestException($"images[{source.Index}]", $"{label} has neither content nor image_id.");
        }

        var decoder = _decoders.FirstOrDefault(d => d.CanDecode(bytes.Span))
            ?? throw new InvalidRequestException($"images[{source.Index}].content",
                $"{label} is not a supported image (expected DICOM, PNG or JPEG; first bytes {Convert.ToHexString(bytes.Span[..Math.Min(8, bytes.Length)])}).");

        ImageProbe probe;
        try
        {
            probe = decoder.Probe(bytes);
        }
        catch (ImageDecodeException ex)
        {
            throw new InvalidRequestException($"images[{source.Index}].content", $"{label} is not a valid {decoder.Format} image: {ex.Message}", ex);
        }

        var megapixels = (double)probe.Width * probe.Height / 1_000_000;
        if (probe.Width <= 0 || probe.Height <= 0 || megapixels > _options.MaxImageMegapixels)
        {
            throw new InvalidRequestException($"images[{source.Index}].content",
                $"{label} is {probe.Width}×{probe.Height} pixels; at most {_options.MaxImageMegapixels} megapixels are allowed (MAX_IMAGE_MEGAPIXELS).");
        }

        if (source.FrameIndex is { } frame && (frame < 0 || frame >= probe.Frames))
        {
            throw new InvalidRequestException($"images[{source.Index}].frame_index", $"{label} has {probe.Frames} frame(s); frame_index {frame} is out of range.");
        }

        var estimate = ImageMemoryEstimate.Of(probe, bytes.Length);
        if (estimate > _admission.BudgetBytes)
        {
            throw new InvalidRequestException($"images[{source.Index}].content",
                $"{label} is {probe.Width}×{probe.Height}×{probe.Channels}"
                + (probe.InflatedBytes > 0 ? $" ({probe.InflatedBytes / 1048576.0:F0} MB inflated)" : string.Empty)
                + $" and would need about {estimate / 1048576.0:F0} MB to analyse; the server's memory budget is {Megabytes(_admission.BudgetBytes)} MB (ANALYSIS_MEMORY_BUDGET_MB).");
        }

        return new ImageWork { Source = source, ImageId = imageId, Bytes = bytes, Decoder = decoder, Probe = probe, MemoryEstimateBytes = estimate };
    }

    private static long Megabytes(long bytes) => bytes / 1048576;
}
