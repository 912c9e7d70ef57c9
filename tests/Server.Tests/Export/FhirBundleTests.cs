using System.Text.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using MedicalImaging.Server.Export.Fhir;

namespace MedicalImaging.Server.Tests.Export;

/// <summary>The FHIR R4 export validates against the base R4 profiles with Firely's validator (offline: the spec zip ships in the NuGet package).</summary>
public sealed class FhirBundleTests
{
    private static readonly Lazy<Validator> SharedValidator = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Build_Report_ValidatesAgainstBaseR4Profiles(bool dicom)
    {
        var json = FhirBundleBuilder.ToJson(ExportSamples.Report(dicom));
        var bundle = JsonSerializer.Deserialize<Bundle>(json, new JsonSerializerOptions().ForFhir())!;

        var outcome = SharedValidator.Value.Validate(bundle);

        var problems = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", outcome.Issue.Select(i => $"{i.Severity} {i.Code} {i.Details?.Text} @ {string.Join(",", i.Expression)}")));
        var report = Assert.IsType<DiagnosticReport>(bundle.Entry[0].Resource);
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, report.Status);
        Assert.Contains(report.Category, c => c.Coding.Any(x => x.System == "http://loinc.org" && x.Code == "LP29684-5"));
        Assert.StartsWith(ExportSamples.Report().Impression, report.Conclusion);
        Assert.Equal(2, report.Result.Count);
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();
        Assert.Equal(2, observations.Count);
        Assert.Equal("image-left upper third", observations[0].BodySite?.Text);
        Assert.Equal("A", observations[0].Interpretation[0].Coding[0].Code);
        var region = observations[0].GetExtension(FhirBundleBuilder.RegionExtension)!;
        Assert.Equal(0.25m, region.GetExtensionValue<FhirDecimal>("x")?.Value);
        Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Device>());
        var studies = bundle.Entry.Select(e => e.Resource).OfType<ImagingStudy>().ToList();
        if (dicom)
        {
            Assert.Equal(ExportSamples.SopUid, Assert.Single(Assert.Single(studies).Series).Instance[0]?.Uid);
            Assert.Equal("urn:oid:" + ExportSamples.SopUid, region.GetExtensionValue<Oid>("sopInstanceUid")?.Value);
        }
        else
        {
            Assert.Empty(studies);
        }
    }

    [Fact]
    public void Validate_DiagnosticReportWithoutStatus_IsAnError_SoTheValidatorReallyChecks()
    {
        var bundle = FhirBundleBuilder.Build(ExportSamples.Report());
        ((DiagnosticReport)bundle.Entry[0].Resource!).Status = null;

        var outcome = SharedValidator.Value.Validate(bundle);

        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
    }
}
