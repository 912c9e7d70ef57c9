using System.Text;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Writes a multipart/related response one part at a time, so a study goes out without being held whole in memory.</summary>
public sealed class MultipartResponse
{
    private readonly HttpResponse _response;
    private readonly string _boundary = "medimg-" + Guid.NewGuid().ToString("N");
    private readonly string _partType;

    public MultipartResponse(HttpResponse response, string partType, string? transferSyntax = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        _response = response;
        _partType = partType;
        response.ContentType = $"multipart/related; type=\"{partType}\"; boundary={_boundary}"
            + (transferSyntax is null ? string.Empty : $"; transfer-syntax={transferSyntax}");
    }

    public async Task WritePartAsync(ReadOnlyMemory<byte> content, string? location, string? transferSyntax, CancellationToken cancellationToken)
    {
        var head = new StringBuilder().Append("--").Append(_boundary).Append("\r\nContent-Type: ").Append(_partType);
        if (transferSyntax is not null)
        {
            head.Append("; transfer-syntax=").Append(transferSyntax);
        }

        if (location is not null)
        {
            head.Append("\r\nContent-Location: ").Append(location);
        }

        head.Append("\r\nContent-Length: ").Append(content.Length).Append("\r\n\r\n");
        await _response.Body.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await _response.Body.WriteAsync(content, cancellationToken);
        await _response.Body.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken) =>
        await _response.Body.WriteAsync(Encoding.ASCII.GetBytes($"--{_boundary}--\r\n"), cancellationToken);
}
