namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>What a fake chat provider does with one request.</summary>
public abstract record ChatBehavior
{
    /// <summary>200 with an OpenAI chat completion whose message content is <paramref name="Content"/>.</summary>
    public sealed record Answer(string Content, int PromptTokens = 1200, int CompletionTokens = 150) : ChatBehavior;

    /// <summary>Answers what was asked: a valid report for the report schema, valid findings for the vision schema, plain text for chat.</summary>
    public sealed record Auto : ChatBehavior;

    /// <summary>An error status with an optional body, Retry-After header and further headers (see Wire/ for documented ones).</summary>
    public sealed record Fail(
        int Status, string Body = "{\"error\":{\"message\":\"scripted failure\"}}", string? RetryAfter = null, IReadOnlyDictionary<string, string>? Headers = null) : ChatBehavior;

    /// <summary>Waits, then answers (for timeouts).</summary>
    public sealed record Slow(TimeSpan Delay, string Content) : ChatBehavior;

    /// <summary>For streaming requests: sends these tokens as SSE chunks, then drops the connection midway.</summary>
    public sealed record BreakAfter(params string[] Tokens) : ChatBehavior;

    /// <summary>
    /// For streaming requests: these tokens, then <paramref name="ErrorEvent"/> as one SSE <c>data:</c> event (how OpenRouter
    /// reports a failure after the stream started), then <c>data: [DONE]</c>.
    /// </summary>
    public sealed record StreamError(string ErrorEvent, params string[] Tokens) : ChatBehavior;

    /// <summary>For streaming requests: these tokens and <c>data: [DONE]</c>, but no chunk with a finish reason.</summary>
    public sealed record StreamWithoutFinish(params string[] Tokens) : ChatBehavior;

    /// <summary>For streaming requests: these tokens and a finish reason, then the connection closes cleanly without <c>data: [DONE]</c>.</summary>
    public sealed record StreamWithoutDone(params string[] Tokens) : ChatBehavior;

    /// <summary>
    /// For streaming requests: sends the headers and these tokens (none: headers only), then nothing more until the
    /// client gives up (a stalled provider; for first-token and idle timeouts).
    /// </summary>
    public sealed record Stall(params string[] Tokens) : ChatBehavior;

    /// <summary>200 whose HTTP body is not JSON at all.</summary>
    public sealed record Garbage : ChatBehavior;
}
