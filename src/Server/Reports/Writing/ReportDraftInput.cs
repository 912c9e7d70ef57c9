using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>
/// What the AI report writer sends (redacted) to a provider: the de-identified context, a coded line per image,
/// the findings and the citations found; the provider that found them is asked first.
/// </summary>
public sealed record ReportDraftInput(
    string VisionProvider,
    ClinicalContextInfo? Context,
    IReadOnlyList<string> Images,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<LiteratureCitation> Citations,
    string LiteratureStatus,
    IdentifierSet Known)
{
    public static ReportDraftInput From(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ReportDraftInput(
            input.Vision.Provider,
            input.DeidentifiedContext,
            [.. input.Images.Select(i => $"{DicomCodedValues.Modality(i.Metadata.Modality)} {DicomCodedValues.BodyPart(i.Metadata.BodyPart)}".Trim())],
            input.Vision.Findings,
            input.Citations,
            input.LiteratureStatus,
            input.Known);
    }
}
