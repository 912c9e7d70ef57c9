using System.Text.RegularExpressions;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Classifies a provider's HTTP error answer — status, body and headers — by the error shapes its documentation
/// describes (see docs/PROVIDERS.md, "Error classes", for the table and sources). Pure: the table tests call it
/// with the documented examples.
/// </summary>
public static partial class HttpFailureClassifier
{
    private const int MaxMessageLength = 200;

    /// <param name="dialect">One of <see cref="ProviderDialect"/>'s values.</param>
    /// <param name="provider">The provider's name, for the health warning.</param>
    /// <param name="model">The model the request named, for the health warning.</param>
    /// <param name="status">HTTP status (0 when no response came).</param>
    /// <param name="body">The error body, when readable.</param>
    /// <param name="header">Looks a response header up by name (case-insensitive), null when absent.</param>
    /// <param name="now">For HTTP-date Retry-After values.</param>
    public static ProviderFailure Classify(
        string dialect, string provider, string model, int status, string? body, Func<string, string?> header, DateTimeOffset now)
    {
        var error = ProviderErrorBody.Parse(body);
        var retryAfter = RetryAfterParser.FromHeader(header("Retry-After"), now)
            ?? error.RetryDelay
            ?? (dialect == ProviderDialect.Groq && status == 429 ? GroqReset(header) : null);
        var said = string.IsNullOrWhiteSpace(error.Message) ? "." : ": " + Shorten(error.Message);

        if (IsModelUnavailable(status, error))
        {
            var setting = ProviderDialect.ModelSetting(provider);
            return new ProviderFailure("model_unavailable", false, true, null, $"HTTP {status}: the model '{model}' is unknown or retired{said}")
            {
                HealthWarning = $"{setting}={model} was refused as unknown or retired (HTTP {status}): set {setting} to a model the provider lists as current.",
            };
        }

        return status switch
        {
            401 => new ProviderFailure("unauthorized", false, true, null, $"HTTP 401: the provider refused the credentials{said}"),
            403 when dialect == ProviderDialect.OpenRouter => new ProviderFailure(
                "content_flagged", false, false, null, $"HTTP 403: OpenRouter's moderation or a guardrail refused this input{said}") { RequestSpecific = true },
            403 => new ProviderFailure("unauthorized", false, true, null, $"HTTP 403: the provider denied permission{said}"),
            400 when dialect == ProviderDialect.Gemini && error.Reason == "API_KEY_INVALID" =>
                new ProviderFailure("unauthorized", false, true, null, $"HTTP 400: the provider refused the API key{said}"),
            400 when dialect == ProviderDialect.Gemini && error.Status == "FAILED_PRECONDITION" =>
                new ProviderFailure("precondition_failed", false, true, null, $"HTTP 400: the account cannot use this API (billing or region){said}"),
            402 when dialect == ProviderDialect.OpenRouter && retryAfter is not null =>
                new ProviderFailure("payment_required", true, false, retryAfter, $"HTTP 402: the in-flight spending budget is used; retry after {retryAfter.Value.TotalSeconds:0.#} s{said}"),
            402 => new ProviderFailure("payment_required", false, true, null, $"HTTP 402: the provider account needs credit{said}"),
            408 => new ProviderFailure("timeout", true, false, retryAfter, $"HTTP 408: the provider timed out{said}"),
            413 => new ProviderFailure("request_too_large", false, false, null, $"HTTP 413: the request is larger than the provider accepts{said}") { RequestSpecific = true },
            429 when IsDailyOrAccountQuota(dialect, error) =>
                new ProviderFailure("quota_exhausted", false, true, retryAfter, $"HTTP 429: the provider quota is exhausted{QuotaNames(error)}{said}"),
            429 => new ProviderFailure("rate_limited", true, false, retryAfter,
                "HTTP 429: the provider is rate limiting" + (retryAfter is { } a ? $" (retry after {a.TotalSeconds:0.#} s)" : string.Empty) + QuotaNames(error) + said),
            498 or >= 500 => new ProviderFailure("server_error", true, false, retryAfter, $"HTTP {status}: the provider failed{said}"),
            0 => new ProviderFailure("connection_failed", true, false, null, "No response from the provider."),
            _ => new ProviderFailure("error", false, false, null, $"HTTP {status}: the provider rejected the request{said}"),
        };
    }

    /// <summary>
    /// Groq's 404 model_not_found (and 400 model_decommissioned), Gemini's 404 NOT_FOUND, OpenRouter's "not a valid
    /// model ID": the configured model will not come back by waiting.
    /// </summary>
    private static bool IsModelUnavailable(int status, ProviderErrorBody error) =>
        error.Code is "model_not_found" or "model_decommissioned"
        || status == 404
        || (status == 400 && error.Message is { } message && ModelGoneText().IsMatch(message));

    /// <summary>Gemini: a per-day quota (quotaId …PerDay…), RetryInfo or not; OpenAI dialect: insufficient_quota (billing).</summary>
    private static bool IsDailyOrAccountQuota(string dialect, ProviderErrorBody error) => dialect switch
    {
        ProviderDialect.Gemini => error.QuotaIds.Any(id => id.Contains("PerDay", StringComparison.Ordinal)),
        ProviderDialect.OpenAi => error.Code == "insufficient_quota" || error.Type == "insufficient_quota",
        _ => false,
    };

    private static string QuotaNames(ProviderErrorBody error) =>
        error.QuotaIds.Count == 0 ? string.Empty : " [" + string.Join(", ", error.QuotaIds.Distinct()) + "]";

    /// <summary>Groq sets retry-after on a 429; without it, the reset of the exhausted limit (x-ratelimit-reset-*).</summary>
    private static TimeSpan? GroqReset(Func<string, string?> header) =>
        header("x-ratelimit-remaining-requests") == "0"
            ? RetryAfterParser.FromGoDuration(header("x-ratelimit-reset-requests"))
            : RetryAfterParser.FromGoDuration(header("x-ratelimit-reset-tokens")) ?? RetryAfterParser.FromGoDuration(header("x-ratelimit-reset-requests"));

    private static string Shorten(string message)
    {
        var flat = message.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxMessageLength ? flat : flat[..MaxMessageLength] + "…";
    }

    [GeneratedRegex(@"not a valid model|model.*(not found|does not exist|decommissioned|no longer (supported|available)|is not supported)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModelGoneText();
}
