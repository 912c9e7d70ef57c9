namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>What a fake chat provider does with one request.</summary>
public abstract record ChatBehavior
{
    /// <summary>200 with an OpenAI chat completion whose message content is <paramref name="Content"/>.</summary>
    public sealed record Answer(string Content, int PromptTokens = 1200, int CompletionTokens = 150) : ChatBehavior;

    /// <summary>Answers what was asked: a valid report for the report schema, valid findings for the vision schema, plain text for chat.</summary>
    public sealed record Auto : ChatBehavior;

    /// <summary>An error status with an optional body and Retry-After header.</summary>
    public sealed record Fail(int Status, string Body = "{\"error\":{\"message\":\"scripted failure\"}}", string? RetryAfter = null) : ChatBehavior;

    /// <summary>Waits, then answers (for timeouts).</summary>
    public sealed record Slow(TimeSpan Delay, string Content) : ChatBehavior;

    /// <summary>For streaming requests: sends these tokens as SSE chunks, then drops the connection midway.</summary>
    public sealed record BreakAfter(params string[] Tokens) : ChatBehavior;

    /// <summary>200 whose HTTP body is not JSON at all.</summary>
    public sealed record Garbage : ChatBehavior;
}
