using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.StructuredOutput;
using MedicalImaging.Server.Providers.Vision;
using MedicalImaging.Server.Reports.Writing;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>Code fences around JSON answers: stripped in the report and the vision parsers.</summary>
public sealed class JsonFencesTests
{
    [Theory]
    [InlineData("```json\n{\"a\":1}\n```")]
    [InlineData("```JSON\r\n{\"a\":1}\r\n```\n")]
    [InlineData("Here is the report:\n```json\n{\"a\":1}\n```\nHope this helps.")]
    [InlineData("```\n{\"a\":1}\n```")]
    [InlineData("~~~json\n{\"a\":1}\n~~~")]
    [InlineData("```json {\"a\":1}```")]
    [InlineData("  {\"a\":1}  ")]
    public void Strip_FencedOrPlain_ReturnsTheJson(string answer) =>
        Assert.Equal("{\"a\":1}", JsonFences.Strip(answer));

    [Fact]
    public void Strip_JsonContainingBackticks_KeepsThem() =>
        Assert.Equal("{\"a\":\"use `x`\"}", JsonFences.Strip("{\"a\":\"use `x`\"}"));

    [Fact]
    public void ReportDraftParser_FencedWithProse_Parses()
    {
        var draft = ReportDraftParser.Parse("Sure, here it is:\n```json\n" + FakeChatProvider.ValidReport() + "\n```\nLet me know.");
        Assert.Contains("[f1]", draft.Impression, StringComparison.Ordinal);
    }

    [Fact]
    public void VisionResponseParser_FencedWithProse_Parses()
    {
        var findings = VisionResponseParser.Parse("The findings:\n```json\n" + FakeChatProvider.ValidFindings(1) + "\n```", 1, "groq");
        Assert.Single(findings);
    }

    [Fact]
    public void ReportDraftParser_FenceWithoutJson_IsInvalidResponse()
    {
        var error = Assert.Throws<ProviderException>(() => ReportDraftParser.Parse("```json\nnot json\n```"));
        Assert.Equal("invalid_response", error.Failure.Outcome);
    }
}
