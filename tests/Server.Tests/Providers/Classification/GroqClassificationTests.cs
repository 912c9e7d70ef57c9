using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers.Classification;

/// <summary>Groq's documented error answers (<see cref="GroqWire"/>, with their doc URLs) → class, retry delay, cool-down.</summary>
public sealed class GroqClassificationTests
{
    public static TheoryData<WireExample, ExpectedClass> Table => new()
    {
        { GroqWire.ModelNotFound(), new("model_unavailable", false, true, WarningNames: "GROQ_MODEL=the-model") },
        { GroqWire.Decommissioned(), new("model_unavailable", false, true, WarningNames: "set GROQ_MODEL") },
        { GroqWire.RequestTooLarge(), new("request_too_large", false, false, RequestSpecific: true) },
        { GroqWire.Unauthorized(), new("unauthorized", false, true) },
        { GroqWire.RateLimited("2"), new("rate_limited", true, false, RetrySeconds: 2) },
        { GroqWire.RateLimitedResetHeadersOnly(), new("rate_limited", true, false, RetrySeconds: 62.5) },
        { GroqWire.FlexCapacity(), new("server_error", true, false) },
        { GroqWire.ServiceUnavailable(), new("server_error", true, false) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Classify_DocumentedGroqAnswer_HasItsDocumentedClass(WireExample example, ExpectedClass expected) =>
        expected.AssertMatches(ProviderDialect.Groq, "groq", example);

    [Theory]
    [InlineData("7.66s", 7.66)]
    [InlineData("2m59.56s", 179.56)]
    [InlineData("1h2m", 3720)]
    [InlineData("250ms", 0.25)]
    public void FromGoDuration_GroqResetHeaderValues_ParseToTheirDuration(string value, double seconds) =>
        Assert.Equal(seconds, RetryAfterParser.FromGoDuration(value)!.Value.TotalSeconds, 3);
}
