using System.Text;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers.Classification;

/// <summary>The SSE guard on the documented stream shapes (<see cref="OpenRouterWire.Streaming"/>).</summary>
public sealed class SseGuardStreamTests
{
    private const string Chunk = """{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"The opacity "},"finish_reason":null}]}""";
    private const string Finish = """{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""";

    private static async Task<string> ReadAllAsync(string sse)
    {
        await using var guard = new SseGuardStream(new MemoryStream(Encoding.UTF8.GetBytes(sse)));
        using var reader = new StreamReader(guard);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Read_OpenRouterMidStreamErrorEvent_FailsAsStreamErrorWithItsCode()
    {
        var sse = $"data: {Chunk}\n\n: OPENROUTER PROCESSING\n\ndata: {OpenRouterWire.MidStreamErrorEvent()}\n\ndata: [DONE]\n\n";

        var error = await Assert.ThrowsAsync<ProviderException>(() => ReadAllAsync(sse));

        Assert.Equal("stream_error", error.Failure.Outcome);
        Assert.Contains("server_error", error.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("Provider disconnected unexpectedly", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_StreamClosedWithoutDone_FailsAsStreamIncomplete()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => ReadAllAsync($"data: {Chunk}\n\ndata: {Finish}\n\n"));

        Assert.Equal("stream_incomplete", error.Failure.Outcome);
    }

    [Fact]
    public async Task Read_CompleteStreamWithComments_PassesEveryByteThrough()
    {
        var sse = $": OPENROUTER PROCESSING\n\ndata: {Chunk}\r\n\r\ndata: {Finish}\n\ndata: [DONE]\n\n";

        Assert.Equal(sse, await ReadAllAsync(sse));
    }

    [Fact]
    public async Task Read_ContentAndErrorEventInOneRead_DeliversTheContentThenFails()
    {
        // One network read can hold the last content event and the error event (the chat test saw "[f1] is " lost so).
        var content = $"data: {Chunk}\n\n";
        var bytes = Encoding.UTF8.GetBytes(content + $"data: {OpenRouterWire.MidStreamErrorEvent()}\n\n");
        await using var guard = new SseGuardStream(new MemoryStream(bytes));
        var buffer = new byte[bytes.Length];

        var delivered = await guard.ReadAsync(buffer);
        var error = await Assert.ThrowsAsync<ProviderException>(() => guard.ReadAsync(buffer).AsTask());

        Assert.Equal(content, Encoding.UTF8.GetString(buffer, 0, delivered));
        Assert.Equal("stream_error", error.Failure.Outcome);
    }
}
