using Google.Protobuf;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>Only the de-identified view ever leaves the process toward a provider or PubMed.</summary>
public sealed class PatientDataTests
{
    [Fact]
    public async Task OutboundRequests_CarryNoIdentifiers_FromContextOrFilename()
    {
        await using var h = await ChainHarness.StartAsync(literature: true);
        var request = new AnalyzeRequest { CaseId = "case-JohnDoe-991" };
        request.Images.Add(new ImageInput { Filename = "john_doe_19610503_chest.png", Content = ByteString.CopyFrom(TestImages.ChestPhantomPng(128)) });
        request.ClinicalContext = new ClinicalContext
        {
            AgeYears = 63,
            Sex = Sex.Male,
            Indication = "Cough since 2024-03-05, MRN 12345678, call 555-0134-2231",
            ClinicalQuestion = "Nodule? Contact john.doe@example.org",
        };
        request.ClinicalContext.Symptoms.Add("fever, accession 998877665");
        var result = await h.AnalyzeAsync(request);

        Assert.Equal("gemini", result.Report.Provenance.Provider);
        var outbound = h.Gemini.Requests.Concat(h.OpenRouter.Requests).Concat(h.Groq.Requests).Concat(h.PubMed.Requests)
            .Select(r => r.PathAndQuery + "\n" + System.Text.RegularExpressions.Regex.Replace(r.Body, "data:image/png;base64,[A-Za-z0-9+/=]+", "<image>"))
            .ToList();
        Assert.NotEmpty(h.PubMed.Requests);
        foreach (var text in outbound)
        {
            foreach (var identifier in new[] { "john_doe", "john.doe", "JohnDoe", "19610503", "2024-03-05", "12345678", "555-0134", "998877665", "example.org", "case-" })
            {
                Assert.DoesNotContain(identifier, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The clinically useful parts still reach the provider.
        Assert.Contains("63 years", h.Gemini.Requests[0].Body);
        Assert.Contains("Cough since", h.Gemini.Requests[0].Body);
    }
}
