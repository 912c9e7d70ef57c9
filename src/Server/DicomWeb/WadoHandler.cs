using System.Globalization;
using System.Text.Json;
using MedicalImaging.Dicom;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenCvSharp;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// WADO-RS (PS3.18 10.4): instances as multipart/related application/dicom in the transfer syntax they were stored in,
/// metadata as DICOM JSON, frames decoded to native little-endian samples (application/octet-stream), and rendered
/// images (PNG or JPEG) through a window. Only the caller's instances are found; anything else is 404.
/// </summary>
public sealed class WadoHandler
{
    private readonly IImageStore _images;
    private readonly DicomInstanceIndex _index;
    private readonly long _maxBytes;
    private readonly DicomPixelDecoder _pixels = new() { MaxDegreeOfParallelism = 1 };

    public WadoHandler(IImageStore images, DicomInstanceIndex index, IOptions<MedicalImagingOptions> imaging)
    {
        ArgumentNullException.ThrowIfNull(imaging);
        _images = images;
        _index = index;
        // Stored instances passed MAX_IMAGE_SIZE_MB when they came in; the limit here only guards a changed setting.
        _maxBytes = long.MaxValue;
    }

    /// <summary>The instances of the resource, or 404 when the caller has none there.</summary>
    public async Task<IReadOnlyList<IndexedInstance>> FindAsync(string owner, string study, string? series, string? sop, CancellationToken cancellationToken)
    {
        var found = await _index.ListAsync(owner, study, series, sop, cancellationToken);
        return found.Count > 0 ? found
            : throw new DicomWebRequestException(404, sop is not null ? $"Instance {sop} was not found." : series is not null ? $"Series {series} was not found." : $"Study {study} was not found.");
    }

    public async Task WriteInstancesAsync(HttpContext context, IReadOnlyList<IndexedInstance> instances, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        var wanted = AcceptedTransferSyntax(context.Request.Headers.Accept.ToString(), "application/dicom");
        if (wanted is not null && instances.FirstOrDefault(i => i.TransferSyntaxUid != wanted) is { } other)
        {
            throw new DicomWebRequestException(406, $"Instance {other.SopInstanceUid} is stored as {other.TransferSyntaxUid}; this server returns instances in their stored transfer syntax (ask for transfer-syntax=* or none).");
        }

        var owner = Owner(context);
        var multipart = new MultipartResponse(context.Response, "application/dicom");
        foreach (var instance in instances)
        {
            var bytes = await _images.ReadAsync(owner, instance.ImageId, _maxBytes, cancellationToken);
            await multipart.WritePartAsync(bytes, $"{baseUrl}/studies/{instance.StudyInstanceUid}/series/{instance.SeriesInstanceUid}/instances/{instance.SopInstanceUid}",
                instance.TransferSyntaxUid, cancellationToken);
        }

        await multipart.CompleteAsync(cancellationToken);
    }

    public async Task WriteMetadataAsync(HttpContext context, IReadOnlyList<IndexedInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        var owner = Owner(context);
        context.Response.ContentType = "application/dicom+json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartArray();
        foreach (var instance in instances)
        {
            var bytes = await _images.ReadAsync(owner, instance.ImageId, _maxBytes, cancellationToken);
            DicomJsonWriter.WriteDataset(writer, DicomFile.Parse(bytes).Dataset);
            await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
    }

    public async Task WriteFramesAsync(HttpContext context, IndexedInstance instance, string frameList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        var accept = context.Request.Headers.Accept.ToString();
        if (!Accepts(accept, "application/octet-stream"))
        {
            throw new DicomWebRequestException(406, $"Frames are returned as multipart/related; type=\"application/octet-stream\" (uncompressed); the request accepts only '{accept}'.");
        }

        var file = await OpenAsync(context, instance, cancellationToken);
        var numbers = FrameNumbers(frameList, FrameCount(file, instance));
        var multipart = new MultipartResponse(context.Response, "application/octet-stream", DicomTransferSyntax.ExplicitVRLittleEndian.Uid);
        foreach (var number in numbers)
        {
            var frame = Decode(file, number - 1);
            await multipart.WritePartAsync(frame.Data, null, null, cancellationToken);
        }

        await multipart.CompleteAsync(cancellationToken);
    }

    public async Task WriteRenderedAsync(HttpContext context, IndexedInstance instance, int frameNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        var accept = context.Request.Headers.Accept.ToString();
        var png = Prefers(accept, "image/png");
        if (!png && !Accepts(accept, "image/jpeg"))
        {
            throw new DicomWebRequestException(406, $"Rendered images are image/jpeg (the default) or image/png; the request accepts only '{accept}'.");
        }

        var window = RenderedWindow.Parse(context.Request.Query["window"]);
        var quality = Quality(context.Request.Query["quality"]);
        var file = await OpenAsync(context, instance, cancellationToken);
        FrameNumbers(frameNumber.ToString(CultureInfo.InvariantCulture), FrameCount(file, instance));
        var image = DicomFrameRenderer.ToDecodedImage(file.Dataset, Decode(file, frameNumber - 1));
        var rendered = DicomPngRenderer.Render(image, window is null ? DicomVoiLuts.Of(image) : null, window);
        if (!png)
        {
            using var mat = Cv2.ImDecode(rendered, ImreadModes.Unchanged);
            using var eight = new Mat();
            mat.ConvertTo(eight, mat.Channels() == 1 ? MatType.CV_8UC1 : MatType.CV_8UC3, mat.Depth() == MatType.CV_16U ? 1 / 257.0 : 1.0);
            rendered = eight.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        }

        context.Response.ContentType = png ? "image/png" : "image/jpeg";
        await context.Response.Body.WriteAsync(rendered, cancellationToken);
    }

    private async Task<DicomFile> OpenAsync(HttpContext context, IndexedInstance instance, CancellationToken cancellationToken) =>
        DicomFile.Parse(await _images.ReadAsync(Owner(context), instance.ImageId, _maxBytes, cancellationToken));

    private DecodedFrame Decode(DicomFile file, int index)
    {
        try
        {
            return _pixels.DecodeFrame(file, index);
        }
        catch (Exception ex) when (ex is DicomFormatException or NotSupportedException)
        {
            throw new DicomWebRequestException(422, $"Frame {index + 1} could not be decoded: {ex.Message}");
        }
    }

    private static int FrameCount(DicomFile file, IndexedInstance instance) =>
        file.Dataset.Contains(DicomTags.PixelData)
            ? Math.Max(1, file.Dataset.GetInt32(DicomTags.NumberOfFrames, 1))
            : throw new DicomWebRequestException(404, $"Instance {instance.SopInstanceUid} has no pixel data, so no frames.");

    /// <summary>Parses "1,3,5" (1-based) against the instance's frame count.</summary>
    public static IReadOnlyList<int> FrameNumbers(string list, int count)
    {
        var numbers = new List<int>();
        foreach (var part in (list ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw new DicomWebRequestException(400, $"Frame list '{list}' must be comma-separated frame numbers from 1.");
            }

            if (n > count)
            {
                throw new DicomWebRequestException(404, $"Frame {n} does not exist: the instance has {count} frame(s).");
            }

            numbers.Add(n);
        }

        return numbers;
    }

    private static int Quality(string? value) =>
        string.IsNullOrEmpty(value) ? 90
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 100 ? q
        : throw new DicomWebRequestException(400, $"Query parameter quality must be 1–100 (got '{value}').");

    /// <summary>The transfer-syntax an Accept header asks for with <paramref name="type"/>, or null for any (absent or *).</summary>
    private static string? AcceptedTransferSyntax(string accept, string type)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return null;
        }

        if (!Accepts(accept, type))
        {
            throw new DicomWebRequestException(406, $"Instances are returned as multipart/related; type=\"{type}\"; the request accepts only '{accept}'.");
        }

        foreach (var media in MediaTypeHeaderValue.ParseList([accept]))
        {
            var syntax = media.Parameters.FirstOrDefault(p => p.Name.Equals("transfer-syntax", StringComparison.OrdinalIgnoreCase));
            if (syntax is not null)
            {
                var value = HeaderUtilities.RemoveQuotes(syntax.Value).Value;
                return value == "*" ? null : value;
            }
        }

        return null;
    }

    /// <summary>Whether an Accept header (absent = anything) takes <paramref name="type"/>, bare or as the type of multipart/related.</summary>
    private static bool Accepts(string accept, string type)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        foreach (var media in MediaTypeHeaderValue.ParseList([accept]))
        {
            var name = media.MediaType.Value ?? string.Empty;
            if (name is "*/*" || name.Equals(type, StringComparison.OrdinalIgnoreCase)
                || (name.Equals(type.Split('/')[0] + "/*", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (name.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
            {
                var inner = HeaderUtilities.RemoveQuotes(media.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value ?? default).Value;
                if (inner is null || inner.Equals(type, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Prefers(string accept, string type) =>
        !string.IsNullOrWhiteSpace(accept) && MediaTypeHeaderValue.ParseList([accept])
            .Any(m => string.Equals(m.MediaType.Value, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The authenticated user (the endpoints require authorization, so there is one).</summary>
    public static string Owner(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Security.CallerIdentity.TryUserId(context.User)
            ?? throw new DicomWebRequestException(401, "The bearer token has no claim naming the user (JWT_USER_CLAIM, default 'sub').");
    }
}
