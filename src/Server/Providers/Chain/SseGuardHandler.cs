namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Watches every server-sent-event response (the providers' streamed chat replies) on the outbound HTTP client:
/// a <c>data:</c> event carrying an <c>error</c> object (how OpenRouter reports a failure after the stream started,
/// with <c>finish_reason: "error"</c>) and a stream that ends without <c>data: [DONE]</c> both fail the read with a
/// classified <see cref="ProviderException"/>, so the chat falls through to the next provider. Other responses pass
/// untouched.
/// </summary>
public sealed class SseGuardHandler : DelegatingHandler
{
    public SseGuardHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var original = response.Content;
            var guarded = new StreamContent(new SseGuardStream(await original.ReadAsStreamAsync(cancellationToken)));
            foreach (var header in original.Headers)
            {
                guarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = guarded;
        }

        return response;
    }
}
