using System.Text;
using System.Text.Json;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>Passes an SSE body through, line by line checking for error events and for the closing <c>[DONE]</c>.</summary>
public sealed class SseGuardStream : Stream
{
    private const int MaxLineBytes = 1 << 20;
    private readonly Stream _inner;
    private readonly MemoryStream _line = new();
    private bool _done;
    private ProviderException? _failure;

    public SseGuardStream(Stream inner) => _inner = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfFailed();
        return Inspect(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfFailed();
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        return Inspect(buffer.Span[..read]);
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw _failure;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Inspect(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            if (!_done)
            {
                throw new ProviderException(new ProviderFailure(
                    "stream_incomplete", true, false, null, "The provider's stream closed without data: [DONE]: the reply may be cut off."));
            }

            return 0;
        }

        var lineStart = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            var b = chunk[i];
            if (b == (byte)'\n')
            {
                _failure = CheckLine();
                _line.SetLength(0);
                if (_failure is not null)
                {
                    // The events before the error line (one read can hold several) still reach the reader: they are
                    // the part of the reply the next provider continues. The failure comes with the next read.
                    return lineStart > 0 ? lineStart : throw _failure;
                }

                lineStart = i + 1;
            }
            else if (_line.Length < MaxLineBytes)
            {
                _line.WriteByte(b);
            }
        }

        return chunk.Length;
    }

    private ProviderException? CheckLine()
    {
        var line = Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r');
        if (!line.StartsWith("data:", StringComparison.Ordinal))
        {
            return null;
        }

        var data = line[5..].Trim();
        if (data == "[DONE]")
        {
            _done = true;
            return null;
        }

        if (!data.Contains("\"error\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var body = ProviderErrorBody.From(error);
                var what = string.IsNullOrWhiteSpace(body.Message) ? string.Empty : ": " + body.Message.ReplaceLineEndings(" ");
                return new ProviderException(new ProviderFailure(
                    "stream_error", true, false, null, $"The provider reported an error after the stream started (code {body.Code ?? "none"}){Truncate(what)}"));
            }
        }
        catch (JsonException)
        {
            // Not a JSON event: the SDK's own parser decides what it is.
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _line.Dispose();
        }

        base.Dispose(disposing);
    }
}
