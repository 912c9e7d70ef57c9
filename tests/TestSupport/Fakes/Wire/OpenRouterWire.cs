namespace MedicalImaging.Tests.Support.Fakes.Wire;

/// <summary>
/// OpenRouter's documented error answers: <c>{"error":{"code","message","metadata"}}</c> with the HTTP status equal to
/// error.code; after the stream started, an SSE <c>data:</c> event with an <c>error</c> field and
/// <c>finish_reason: "error"</c> under HTTP 200.
/// Sources, read 2026-12-05: https://openrouter.ai/docs/api/reference/errors-and-debugging (codes 400/401/402/403/408/429/502/503,
/// ModerationErrorMetadata {reasons, flagged_input, provider_name, model_slug}, Retry-After on 429/503 and on a 402 whose
/// metadata.limit_source is openrouter_in_flight_budget; "a 402 without the header is not a wait-and-retry case"),
/// https://openrouter.ai/docs/api/reference/streaming ("Handling errors during streaming").
/// </summary>
public static class OpenRouterWire
{
    public const string Errors = "https://openrouter.ai/docs/api/reference/errors-and-debugging";
    public const string Streaming = "https://openrouter.ai/docs/api/reference/streaming";

    private static readonly Dictionary<string, string> NoHeaders = [];

    public static WireExample BadRequest() => new(
        "openrouter 400 bad request", 400,
        """{"error":{"code":400,"message":"Input required: specify \"prompt\" or \"messages\""}}""", NoHeaders, Errors);

    public static WireExample InvalidModel(string model = "google/gemini-1.0-pro-vision") => new(
        "openrouter 400 invalid model", 400,
        $$$"""{"error":{"code":400,"message":"{{{model}}} is not a valid model ID"}}""", NoHeaders, Errors);

    public static WireExample Unauthorized() => new(
        "openrouter 401 invalid credentials", 401,
        """{"error":{"code":401,"message":"No auth credentials found"}}""", NoHeaders, Errors);

    public static WireExample InsufficientCredits() => new(
        "openrouter 402 insufficient credits", 402,
        """{"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits","metadata":{"limit_source":"openrouter_credits"}}}""",
        NoHeaders, Errors);

    public static WireExample InFlightBudget(string retryAfterSeconds = "1") => new(
        "openrouter 402 in-flight budget with Retry-After", 402,
        """{"error":{"code":402,"message":"In-flight spending budget reached; retry shortly","metadata":{"limit_source":"openrouter_in_flight_budget"}}}""",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds }, Errors);

    public static WireExample Moderation() => new(
        "openrouter 403 moderation flag", 403,
        """{"error":{"code":403,"message":"openai/gpt-4o requires moderation on OpenAI. Your input was flagged for \"violence/graphic\". No credits were charged.","metadata":{"reasons":["violence/graphic"],"flagged_input":"...the flagged part of the input...","provider_name":"OpenAI","model_slug":"openai/gpt-4o"}}}""",
        NoHeaders, Errors);

    public static WireExample Timeout() => new(
        "openrouter 408 timeout", 408,
        """{"error":{"code":408,"message":"Request timed out"}}""", NoHeaders, Errors);

    public static WireExample RateLimited(string retryAfterSeconds = "1") => new(
        "openrouter 429 with Retry-After", 429,
        """{"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min","metadata":{"headers":{"X-RateLimit-Limit":"20","X-RateLimit-Remaining":"0"}}}}""",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds }, Errors);

    public static WireExample ModelDown() => new(
        "openrouter 502 model down", 502,
        """{"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Google","raw":"upstream connect error"}}}""",
        NoHeaders, Errors);

    public static WireExample NoProvider(string retryAfterSeconds = "3") => new(
        "openrouter 503 no available provider", 503,
        """{"error":{"code":503,"message":"No available model provider that meets your routing requirements"}}""",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds }, Errors);

    /// <summary>The SSE event OpenRouter sends when generation fails after the stream started (HTTP status stays 200).</summary>
    public static string MidStreamErrorEvent(string model = "google/gemini-2.5-flash") =>
        $$$"""{"id":"cmpl-abc123","object":"chat.completion.chunk","created":1765000000,"model":"{{{model}}}","provider":"Google","error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}""";
}
