namespace MedicalImaging.Tests.Support.Fakes.Wire;

/// <summary>
/// Groq's documented error answers (OpenAI shape: <c>{"error":{"message","type","code"}}</c>).
/// Sources, read 2026-12-05: https://console.groq.com/docs/errors (status list and body shape),
/// https://console.groq.com/docs/rate-limits (429, retry-after only on 429, x-ratelimit-* headers always),
/// https://console.groq.com/docs/deprecations (decommissioned models; the API then answers model_not_found /
/// model_decommissioned), https://console.groq.com/docs/vision (4 MB base64 request cap → 413).
/// </summary>
public static class GroqWire
{
    public const string Errors = "https://console.groq.com/docs/errors";
    public const string RateLimits = "https://console.groq.com/docs/rate-limits";
    public const string Deprecations = "https://console.groq.com/docs/deprecations";

    private static readonly Dictionary<string, string> NoHeaders = [];

    public static WireExample ModelNotFound(string model = "meta-llama/llama-4-scout-17b-16e-instruct") => new(
        "groq 404 model_not_found", 404,
        $$$"""{"error":{"message":"The model `{{{model}}}` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}""",
        NoHeaders, Deprecations);

    public static WireExample Decommissioned(string model = "llama-3.2-11b-vision-preview") => new(
        "groq 400 model_decommissioned", 400,
        $$$"""{"error":{"message":"The model `{{{model}}}` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.","type":"invalid_request_error","code":"model_decommissioned"}}""",
        NoHeaders, Deprecations);

    public static WireExample RequestTooLarge() => new(
        "groq 413 request too large", 413,
        """{"error":{"message":"Request Entity Too Large","type":"invalid_request_error","code":"request_too_large"}}""",
        NoHeaders, Errors);

    public static WireExample Unauthorized() => new(
        "groq 401 invalid_api_key", 401,
        """{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}""",
        NoHeaders, Errors);

    public static WireExample RateLimited(string retryAfterSeconds = "2") => new(
        "groq 429 with retry-after", 429,
        """{"error":{"message":"Rate limit reached for model `meta-llama/llama-4-scout-17b-16e-instruct` in organization `org_01` on tokens per minute (TPM): Limit 30000, Used 29500, Requested 1800. Please try again in 2.6s.","type":"tokens","code":"rate_limit_exceeded"}}""",
        RateHeaders(retryAfterSeconds, remainingRequests: "14398", resetRequests: "6.2s", resetTokens: "2.6s"), RateLimits);

    /// <summary>A 429 whose retry-after is missing (a proxy dropped it): the x-ratelimit-reset-* header of the exhausted limit decides.</summary>
    public static WireExample RateLimitedResetHeadersOnly() => new(
        "groq 429 with x-ratelimit-reset only", 429,
        """{"error":{"message":"Rate limit reached for model `meta-llama/llama-4-scout-17b-16e-instruct` on requests per minute (RPM): Limit 30, Used 30, Requested 1.","type":"requests","code":"rate_limit_exceeded"}}""",
        RateHeaders(null, remainingRequests: "0", resetRequests: "1m2.5s", resetTokens: "0.4s"), RateLimits);

    public static WireExample FlexCapacity() => new(
        "groq 498 flex capacity exceeded", 498,
        """{"error":{"message":"Flex tier capacity exceeded. This is a known issue and we are working on it. Please try again later.","type":"capacity_exceeded","code":"capacity_exceeded"}}""",
        NoHeaders, Errors);

    public static WireExample ServiceUnavailable() => new(
        "groq 503 service unavailable", 503,
        """{"error":{"message":"Service Unavailable","type":"internal_server_error"}}""",
        NoHeaders, Errors);

    private static Dictionary<string, string> RateHeaders(string? retryAfter, string remainingRequests, string resetRequests, string resetTokens)
    {
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit-requests"] = "14400",
            ["x-ratelimit-limit-tokens"] = "30000",
            ["x-ratelimit-remaining-requests"] = remainingRequests,
            ["x-ratelimit-remaining-tokens"] = "0",
            ["x-ratelimit-reset-requests"] = resetRequests,
            ["x-ratelimit-reset-tokens"] = resetTokens,
        };
        if (retryAfter is not null)
        {
            headers["retry-after"] = retryAfter;
        }

        return headers;
    }
}
