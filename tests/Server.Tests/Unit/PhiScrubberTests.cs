using MedicalImaging.Server.Security;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class PhiScrubberTests
{
    [Theory]
    [InlineData("MRN 12345678 chest pain", "12345678")]
    [InlineData("seen on 2024-03-05 for cough", "2024-03-05")]
    [InlineData("DOB 05/03/1961", "05/03/1961")]
    [InlineData("contact jane.doe@example.org", "jane.doe@example.org")]
    [InlineData("study 1.2.840.113619.2.55.3 prior", "1.2.840.113619.2.55.3")]
    [InlineData("call +44 20 7946 0958", "7946")]
    public void Scrub_IdentifierLikeText_Redacted(string input, string identifier)
    {
        var scrubbed = PhiScrubber.Scrub(input)!;
        Assert.DoesNotContain(identifier, scrubbed);
        Assert.Contains(PhiScrubber.Redacted, scrubbed);
    }

    [Theory]
    [InlineData("persistent cough for 3 weeks, fever 38.5")]
    [InlineData("65-year-old smoker, rule out pneumonia")]
    public void Scrub_ClinicalText_Unchanged(string input) => Assert.Equal(input, PhiScrubber.Scrub(input));
}
