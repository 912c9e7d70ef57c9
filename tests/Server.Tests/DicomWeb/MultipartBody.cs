using System.Net.Http.Headers;

namespace MedicalImaging.Server.Tests.DicomWeb;

/// <summary>Builds and reads multipart/related bodies as a DICOMweb client does, by hand (no DICOMweb library).</summary>
internal static class MultipartBody
{
    public static HttpContent Dicom(params byte[][] parts)
    {
        var content = new MultipartContent("related", "medimg-test-boundary");
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
        foreach (var part in parts)
        {
            var body = new ByteArrayContent(part);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(body);
        }

        return content;
    }

    /// <summary>The parts of a multipart response, each with its Content-Type.</summary>
    public static async Task<List<(string ContentType, byte[] Body)>> ReadAsync(HttpResponseMessage response)
    {
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var parts = new List<(string, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            parts.Add((section.ContentType ?? string.Empty, body.ToArray()));
        }

        return parts;
    }
}
