namespace MedicalImaging.Tests.Support.Fakes.Wire;

/// <summary>
/// Gemini's documented error answers: google.rpc.Status bodies <c>{"error":{"code","message","status","details":[…]}}</c>
/// (QuotaFailure.violations[].quotaId, RetryInfo.retryDelay, ErrorInfo.reason), which the OpenAI-compatible endpoint
/// passes through wrapped in a one-element JSON array.
/// Sources, read 2026-12-05: https://ai.google.dev/gemini-api/docs/troubleshooting (400 INVALID_ARGUMENT,
/// 400 FAILED_PRECONDITION, 403 PERMISSION_DENIED, 404 NOT_FOUND, 429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE),
/// https://ai.google.dev/gemini-api/docs/rate-limits (per-minute and per-day limits; daily quotas reset at midnight
/// Pacific), https://ai.google.dev/gemini-api/docs/openai (the OpenAI-compatible layer); the quotaId values as the
/// API returns them (e.g. googleapis/python-genai#2044).
/// </summary>
public static class GeminiWire
{
    public const string Troubleshooting = "https://ai.google.dev/gemini-api/docs/troubleshooting";
    public const string RateLimits = "https://ai.google.dev/gemini-api/docs/rate-limits";

    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>The free tier's requests per day are used up; RetryInfo is present but waiting seconds will not help.</summary>
    public static WireExample PerDayQuota(string model = "gemini-2.5-flash") => new(
        "gemini 429 per-day quota", 429,
        Quota(model, "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "33s"), NoHeaders, RateLimits);

    /// <summary>Requests per minute are used up; RetryInfo says when the window frees.</summary>
    public static WireExample PerMinuteQuota(string retryDelay = "1s", string model = "gemini-2.5-flash") => new(
        "gemini 429 per-minute quota with RetryInfo", 429,
        Quota(model, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", retryDelay), NoHeaders, RateLimits);

    /// <summary>Input tokens per minute used up, without RetryInfo: a short backoff.</summary>
    public static WireExample PerMinuteQuotaWithoutRetryInfo(string model = "gemini-2.5-flash") => new(
        "gemini 429 per-minute quota without RetryInfo", 429,
        Quota(model, "GenerateContentInputTokensPerModelPerMinute-FreeTier", null), NoHeaders, RateLimits);

    public static WireExample InvalidArgument() => new(
        "gemini 400 INVALID_ARGUMENT", 400,
        """[{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \"foo\": Cannot find field.","status":"INVALID_ARGUMENT"}}]""",
        NoHeaders, Troubleshooting);

    public static WireExample ApiKeyInvalid() => new(
        "gemini 400 API_KEY_INVALID", 400,
        """[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}]""",
        NoHeaders, Troubleshooting);

    public static WireExample FailedPrecondition() => new(
        "gemini 400 FAILED_PRECONDITION", 400,
        """[{"error":{"code":400,"message":"User location is not supported for the API use without a billing account linked.","status":"FAILED_PRECONDITION"}}]""",
        NoHeaders, Troubleshooting);

    public static WireExample PermissionDenied() => new(
        "gemini 403 PERMISSION_DENIED", 403,
        """[{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}]""",
        NoHeaders, Troubleshooting);

    public static WireExample ModelNotFound(string model = "gemini-2.5-flash") => new(
        "gemini 404 NOT_FOUND model", 404,
        $$$"""[{"error":{"code":404,"message":"models/{{{model}}} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.","status":"NOT_FOUND"}}]""",
        NoHeaders, Troubleshooting);

    public static WireExample Internal() => new(
        "gemini 500 INTERNAL", 500,
        """[{"error":{"code":500,"message":"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting","status":"INTERNAL"}}]""",
        NoHeaders, Troubleshooting);

    public static WireExample Unavailable() => new(
        "gemini 503 UNAVAILABLE", 503,
        """[{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}]""",
        NoHeaders, Troubleshooting);

    private static string Quota(string model, string quotaId, string? retryDelay)
    {
        var retry = retryDelay is null ? string.Empty : $$$""",{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"{{{retryDelay}}}"}""";
        return $$$"""[{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"{{{quotaId}}}","quotaDimensions":{"location":"global","model":"{{{model}}}"},"quotaValue":"250"}]},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]}{{{retry}}}]}}]""";
    }
}
