using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Tests.Support.Fakes.Wire;

namespace MedicalImaging.Server.Tests.Providers.Classification;

/// <summary>What a documented error answer must be classified as: one row of a provider's table.</summary>
public sealed record ExpectedClass(
    string Outcome, bool Transient, bool LongCooldown, double? RetrySeconds = null, bool RequestSpecific = false, string? WarningNames = null)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Classifies <paramref name="example"/> as <paramref name="dialect"/> and checks every column.</summary>
    public void AssertMatches(string dialect, string provider, WireExample example)
    {
        var failure = HttpFailureClassifier.Classify(dialect, provider, "the-model", example.Status, example.Body, example.Header, Now);
        var because = $"{example.Name} ({example.Source})";
        Assert.True(Outcome == failure.Outcome, $"{because}: outcome {failure.Outcome}, expected {Outcome}");
        Assert.True(Transient == failure.Transient, $"{because}: transient {failure.Transient}");
        Assert.True(LongCooldown == failure.LongCooldown, $"{because}: long cool-down {failure.LongCooldown}");
        Assert.True(RequestSpecific == failure.RequestSpecific, $"{because}: request-specific {failure.RequestSpecific}");
        Assert.True(RetrySeconds == failure.RetryAfter?.TotalSeconds, $"{because}: retry after {failure.RetryAfter}, expected {RetrySeconds}");
        if (WarningNames is null)
        {
            Assert.True(failure.HealthWarning is null, $"{because}: unexpected warning {failure.HealthWarning}");
        }
        else
        {
            Assert.True(failure.HealthWarning?.Contains(WarningNames, StringComparison.Ordinal) == true, $"{because}: warning '{failure.HealthWarning}' should name {WarningNames}");
        }

        Assert.DoesNotContain("flagged part of the input", failure.Message, StringComparison.Ordinal);
    }
}
