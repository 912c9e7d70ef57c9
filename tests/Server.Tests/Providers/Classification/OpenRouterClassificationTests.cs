using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers.Classification;

/// <summary>OpenRouter's documented error answers (<see cref="OpenRouterWire"/>, with their doc URLs) → class, retry delay, cool-down.</summary>
public sealed class OpenRouterClassificationTests
{
    public static TheoryData<WireExample, ExpectedClass> Table => new()
    {
        { OpenRouterWire.BadRequest(), new("error", false, false) },
        { OpenRouterWire.InvalidModel(), new("model_unavailable", false, true, WarningNames: "OPENROUTER_MODELS=the-model") },
        { OpenRouterWire.Unauthorized(), new("unauthorized", false, true) },
        { OpenRouterWire.InsufficientCredits(), new("payment_required", false, true) },
        { OpenRouterWire.InFlightBudget("4"), new("payment_required", true, false, RetrySeconds: 4) },
        { OpenRouterWire.Moderation(), new("content_flagged", false, false, RequestSpecific: true) },
        { OpenRouterWire.Timeout(), new("timeout", true, false) },
        { OpenRouterWire.RateLimited("7"), new("rate_limited", true, false, RetrySeconds: 7) },
        { OpenRouterWire.ModelDown(), new("server_error", true, false) },
        { OpenRouterWire.NoProvider("3"), new("server_error", true, false, RetrySeconds: 3) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Classify_DocumentedOpenRouterAnswer_HasItsDocumentedClass(WireExample example, ExpectedClass expected) =>
        expected.AssertMatches(ProviderDialect.OpenRouter, "openrouter", example);
}
