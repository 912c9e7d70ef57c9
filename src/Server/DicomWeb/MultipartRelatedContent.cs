using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Reads the boundary of a STOW-RS body: multipart/related; type="application/dicom"; boundary=…, anything else is 415.</summary>
public static class MultipartRelatedContent
{
    public const string Expected = "multipart/related; type=\"application/dicom\"; boundary=…";

    public static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            throw new DicomWebRequestException(StatusCodes.Status415UnsupportedMediaType,
                $"STOW-RS takes {Expected} (PS3.18 10.5); the request's Content-Type is '{contentType ?? "(none)"}'.");
        }

        var type = HeaderUtilities.RemoveQuotes(media.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value ?? default);
        if (type.HasValue && !type.Equals("application/dicom", StringComparison.OrdinalIgnoreCase))
        {
            throw new DicomWebRequestException(StatusCodes.Status415UnsupportedMediaType,
                $"STOW-RS here takes parts of type application/dicom (Part 10 files): {Expected}; the request says type=\"{type}\" (metadata + bulk data STOW is not supported).");
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            throw new DicomWebRequestException(StatusCodes.Status400BadRequest,
                $"The multipart/related Content-Type has no (or an over-long) boundary parameter: {Expected}.");
        }

        return boundary;
    }
}
