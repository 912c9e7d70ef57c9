using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Export.Fhir;

/// <summary>
/// A report as a FHIR R4 Bundle (type collection): a preliminary DiagnosticReport (LOINC radiology category,
/// conclusion = impression, presentedForm = the text report), one Observation per finding (bodySite, interpretation
/// from severity, the region and source frame in an extension, derivedFrom the ImagingStudy), an ImagingStudy when
/// the images were DICOM, and the Device that produced the findings. No Patient: the store keeps no identity, so the
/// ImagingStudy's required subject is a display-only reference saying so.
/// </summary>
public static class FhirBundleBuilder
{
    /// <summary>Extension on Observation: where the finding is, on which frame (sub-extensions x, y, width, height as 0..1 of the frame; sopInstanceUid; frameNumber).</summary>
    public const string RegionExtension = "https://medimg.example.org/fhir/StructureDefinition/image-region";

    /// <summary>DICOM's code system (PS3.16 DCM).</summary>
    public const string DicomSystem = "http://dicom.nema.org/resources/ontology/DCM";

    private const string LoincSystem = "http://loinc.org";
    private const string InterpretationSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>The bundle as FHIR JSON.</summary>
    public static string ToJson(MedicalReport report) =>
        JsonSerializer.Serialize(Build(report), new JsonSerializerOptions().ForFhir().Pretty());

    /// <summary>The bundle.</summary>
    public static Bundle Build(MedicalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Identifier = new Identifier("urn:medimg:report-bundle", report.Id),
            Timestamp = report.CreatedAt,
        };
        var device = NewDevice(report.Provenance);
        var deviceUrl = Add(bundle, device, "device", report.Provenance.Provider + "/" + report.Provenance.Model + "/" + report.Provenance.PipelineVersion);
        var study = NewImagingStudy(report);
        var studyUrl = study is null ? null : Add(bundle, study, "imaging-study", report.Id);
        var observations = report.Findings
            .Select(f => Add(bundle, NewObservation(report, f, deviceUrl, studyUrl), "observation", report.Id + "/" + f.Id))
            .ToList();
        var diagnostic = new DiagnosticReport
        {
            Identifier = [new Identifier("urn:medimg:report", report.Id)],
            Status = DiagnosticReport.DiagnosticReportStatus.Preliminary,
            Category =
            [
                new CodeableConcept(LoincSystem, "LP29684-5", "Radiology"),
                new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology"),
            ],
            Code = new CodeableConcept(LoincSystem, "18748-4", "Diagnostic imaging study", $"{report.Modality} {report.BodyPart}".Trim() + " automated analysis"),
            Effective = new FhirDateTime(report.CreatedAt),
            Issued = report.CreatedAt,
            Result = [.. observations.Select(url => new ResourceReference(url))],
            Conclusion = report.Impression + " " + report.Disclaimer,
            PresentedForm =
            [
                new Attachment
                {
                    ContentType = "text/plain; charset=utf-8",
                    Language = "en",
                    Data = Encoding.UTF8.GetBytes(report.ReportText),
                    Title = "Automated imaging report (not for diagnostic use)",
                    Creation = new FhirDateTime(report.CreatedAt).Value,
                },
            ],
        };
        if (studyUrl is not null)
        {
            diagnostic.ImagingStudy = [new ResourceReference(studyUrl)];
        }

        bundle.Entry.Insert(0, new Bundle.EntryComponent { FullUrl = Url("diagnostic-report", report.Id), Resource = diagnostic });
        return bundle;
    }

    private static string Add(Bundle bundle, Resource resource, string purpose, string name)
    {
        var url = Url(purpose, name);
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
        return url;
    }

    /// <summary>A stable urn:uuid for an entry (the UUID behind <see cref="ExportUids"/>), so re-exports keep their links.</summary>
    private static string Url(string purpose, string name)
    {
        var decimalUuid = System.Numerics.BigInteger.Parse(ExportUids.For("fhir-" + purpose, name)[(ExportUids.Root.Length + 1)..], CultureInfo.InvariantCulture);
        var bytes = decimalUuid.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[16];
        bytes.CopyTo(padded.AsSpan(16 - bytes.Length));
        return "urn:uuid:" + new Guid(padded, bigEndian: true).ToString();
    }

    private static Device NewDevice(ReportProvenance provenance) => new()
    {
        Manufacturer = Sr.SrDocumentBuilder.Manufacturer,
        ModelNumber = provenance.Model,
        DeviceName =
        [
            new Device.DeviceNameComponent { Name = $"{provenance.Provider} ({provenance.Model})", Type = DeviceNameType.ModelName },
        ],
        Version = [new Device.VersionComponent { Value = provenance.PipelineVersion }],
        Note = [new Annotation { Text = new Markdown("Automated analysis software (MedicalImaging); its findings are not for diagnostic use.") }],
    };

    private static ImagingStudy? NewImagingStudy(MedicalReport report)
    {
        var sources = report.Images.Where(i => i.Dicom is not null).ToList();
        if (sources.Count == 0)
        {
            return null;
        }

        var study = new ImagingStudy
        {
            Identifier = [new Identifier("urn:dicom:uid", "urn:oid:" + sources[0].Dicom!.StudyInstanceUid)],
            Status = ImagingStudy.ImagingStudyStatus.Available,
            Subject = new ResourceReference { Display = "Patient not recorded: the images were de-identified before analysis" },
            NumberOfSeries = sources.Select(i => i.Dicom!.SeriesInstanceUid).Distinct().Count(),
            NumberOfInstances = sources.Select(i => i.Dicom!.SopInstanceUid).Distinct().Count(),
        };
        foreach (var series in sources.GroupBy(i => i.Dicom!.SeriesInstanceUid))
        {
            var component = new ImagingStudy.SeriesComponent
            {
                Uid = series.Key,
                Modality = new Coding(DicomSystem, series.First().Modality),
                NumberOfInstances = series.Select(i => i.Dicom!.SopInstanceUid).Distinct().Count(),
            };
            foreach (var image in series.DistinctBy(i => i.Dicom!.SopInstanceUid))
            {
                component.Instance.Add(new ImagingStudy.InstanceComponent
                {
                    Uid = image.Dicom!.SopInstanceUid,
                    SopClass = new Coding("urn:ietf:rfc:3986", "urn:oid:" + image.Dicom.SopClassUid),
                });
            }

            study.Series.Add(component);
        }

        return study;
    }

    private static Observation NewObservation(MedicalReport report, ReportFinding finding, string deviceUrl, string? studyUrl)
    {
        var observation = new Observation
        {
            Identifier = [new Identifier("urn:medimg:finding", report.Id + "/" + finding.Id)],
            Status = ObservationStatus.Preliminary,
            Category = [new CodeableConcept(ObservationCategorySystem, "imaging", "Imaging")],
            Code = new CodeableConcept(DicomSystem, "121071", "Finding", finding.Description),
            Effective = new FhirDateTime(report.CreatedAt),
            Issued = report.CreatedAt,
            Value = new FhirString(finding.Description),
            BodySite = new CodeableConcept { Text = finding.Anatomy },
            Interpretation = [Interpretation(finding.Severity)],
            Device = new ResourceReference(deviceUrl),
            Note = [new Annotation { Text = new Markdown(string.Create(CultureInfo.InvariantCulture, $"Confidence {finding.Confidence:0.00}; reported by {finding.Source}; image {finding.ImageIndex}. Not for diagnostic use.")) }],
        };
        if (studyUrl is not null && finding.SourceImage is not null)
        {
            observation.DerivedFrom = [new ResourceReference(studyUrl)];
        }

        if (finding.Region is { } box)
        {
            observation.Extension.Add(Region(box, finding.SourceImage));
        }

        return observation;
    }

    private static Extension Region(NormalizedBox box, DicomImageReference? source)
    {
        var region = new Extension { Url = RegionExtension };
        region.Extension.Add(new Extension("x", new FhirDecimal((decimal)Math.Round(box.X, 6))));
        region.Extension.Add(new Extension("y", new FhirDecimal((decimal)Math.Round(box.Y, 6))));
        region.Extension.Add(new Extension("width", new FhirDecimal((decimal)Math.Round(box.Width, 6))));
        region.Extension.Add(new Extension("height", new FhirDecimal((decimal)Math.Round(box.Height, 6))));
        if (source is not null)
        {
            region.Extension.Add(new Extension("sopInstanceUid", new Oid("urn:oid:" + source.SopInstanceUid)));
            region.Extension.Add(new Extension("frameNumber", new PositiveInt(source.FrameNumber)));
        }

        return region;
    }

    /// <summary>v3 ObservationInterpretation: N for normal, A for mild/moderate, AA (critical abnormal) for severe/critical.</summary>
    private static CodeableConcept Interpretation(FindingSeverity severity)
    {
        var (code, display) = severity switch
        {
            FindingSeverity.Mild or FindingSeverity.Moderate => ("A", "Abnormal"),
            FindingSeverity.Severe or FindingSeverity.Critical => ("AA", "Critical abnormal"),
            _ => ("N", "Normal"),
        };
        return new CodeableConcept(InterpretationSystem, code, display, severity.ToString().ToLowerInvariant());
    }
}
