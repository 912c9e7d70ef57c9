using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers.Classification;

/// <summary>Gemini's documented error answers (<see cref="GeminiWire"/>, with their doc URLs) → class, retry delay, cool-down.</summary>
public sealed class GeminiClassificationTests
{
    public static TheoryData<WireExample, ExpectedClass> Table => new()
    {
        // Per-day quota: RetryInfo says 33 s, but the quota only resets at midnight Pacific: long cool-down, no retry.
        { GeminiWire.PerDayQuota(), new("quota_exhausted", false, true, RetrySeconds: 33) },
        { GeminiWire.PerMinuteQuota("7s"), new("rate_limited", true, false, RetrySeconds: 7) },
        { GeminiWire.PerMinuteQuotaWithoutRetryInfo(), new("rate_limited", true, false) },
        { GeminiWire.InvalidArgument(), new("error", false, false) },
        { GeminiWire.ApiKeyInvalid(), new("unauthorized", false, true) },
        { GeminiWire.FailedPrecondition(), new("precondition_failed", false, true) },
        { GeminiWire.PermissionDenied(), new("unauthorized", false, true) },
        { GeminiWire.ModelNotFound(), new("model_unavailable", false, true, WarningNames: "GEMINI_MODEL=the-model") },
        { GeminiWire.Internal(), new("server_error", true, false) },
        { GeminiWire.Unavailable(), new("server_error", true, false) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Classify_DocumentedGeminiAnswer_HasItsDocumentedClass(WireExample example, ExpectedClass expected) =>
        expected.AssertMatches(ProviderDialect.Gemini, "gemini", example);

}
