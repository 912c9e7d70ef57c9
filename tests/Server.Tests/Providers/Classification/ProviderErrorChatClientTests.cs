using System.ClientModel;
using System.ClientModel.Primitives;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Tests.Support.Fakes;
using MedicalImaging.Tests.Support.Fakes.Wire;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MedicalImaging.Server.Tests.Providers.Classification;

/// <summary>
/// A provider's client as the server builds it (OpenAI SDK over the guarded HTTP client, wrapped by
/// <see cref="ProviderErrorChatClient"/>) against a fake speaking the documented wire format: what leaves it is a
/// <see cref="ProviderException"/> with the provider's own class.
/// </summary>
public sealed class ProviderErrorChatClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new(new SseGuardHandler(new SocketsHttpHandler()));
    private FakeChatProvider _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeChatProvider.StartAsync("groq");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private ProviderErrorChatClient Client(string provider, string model) =>
        new ProviderErrorChatClient(
            new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions
            {
                Endpoint = _fake.BaseAddress,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                Transport = new HttpClientPipelineTransport(_http),
            }).GetChatClient(model).AsIChatClient(),
            provider, model, ProviderDialect.For(provider), TimeProvider.System);

    private static async Task<string> StreamAsync(ProviderErrorChatClient client)
    {
        var text = string.Empty;
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            text += update.Text;
        }

        return text;
    }

    [Fact]
    public async Task GetResponse_GroqModelNotFound_ModelUnavailableWithWarningNamingGroqModel()
    {
        _fake.Then(GroqWire.ModelNotFound("retired/model").ToBehavior());

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client("groq", "retired/model").GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal("model_unavailable", error.Failure.Outcome);
        Assert.True(error.Failure.LongCooldown);
        Assert.StartsWith("GROQ_MODEL=retired/model", error.Failure.HealthWarning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_Groq429ResetHeadersOnly_RetryAfterFromTheExhaustedLimitsReset()
    {
        _fake.Then(GroqWire.RateLimitedResetHeadersOnly().ToBehavior());

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client("groq", "m").GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal("rate_limited", error.Failure.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(62.5), error.Failure.RetryAfter);
    }

    [Fact]
    public async Task Stream_OpenRouterErrorEvent_StreamErrorNotTheSdksParseError()
    {
        _fake.Then(new ChatBehavior.StreamError(OpenRouterWire.MidStreamErrorEvent(), "The ", "opacity "));

        var error = await Assert.ThrowsAsync<ProviderException>(() => StreamAsync(Client("openrouter", "m")));

        Assert.Equal("stream_error", error.Failure.Outcome);
        Assert.Contains("Provider disconnected unexpectedly", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_NoFinishReason_StreamIncomplete()
    {
        _fake.Then(new ChatBehavior.StreamWithoutFinish("The ", "opacity "));

        var error = await Assert.ThrowsAsync<ProviderException>(() => StreamAsync(Client("gemini", "m")));

        Assert.Equal("stream_incomplete", error.Failure.Outcome);
        Assert.Contains("finish reason", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClosedWithoutDone_StreamIncomplete()
    {
        _fake.Then(new ChatBehavior.StreamWithoutDone("The ", "opacity "));

        var error = await Assert.ThrowsAsync<ProviderException>(() => StreamAsync(Client("gemini", "m")));

        Assert.Equal("stream_incomplete", error.Failure.Outcome);
        Assert.Contains("[DONE]", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_Complete_ReturnsTheWholeText()
    {
        _fake.Then(new ChatBehavior.Answer("The opacity is small."));

        Assert.Equal("The opacity is small.", await StreamAsync(Client("gemini", "m")));
    }
}
