using System.Globalization;
using MedicalImaging.Dicom;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Reports;

namespace MedicalImaging.Server.Export.Sr;

/// <summary>
/// A report as a DICOM Comprehensive SR document following TID 1500 (Measurement Report): the observer is the device
/// (provider, model, pipeline version); each finding with a region on a DICOM frame is a Measurement Group (TID 1410
/// shape) with its tracking identifiers, description, site and severity as qualitative evaluations, and a SCOORD
/// polyline in that frame's pixels SELECTED FROM the source SOP Instance; the other findings, the impression and the
/// not-for-diagnosis statement are qualitative evaluations as text. Patient attributes are left empty (type 2): the
/// report store keeps no patient identity, and a receiving PACS files the SR under the referenced study.
/// </summary>
public static class SrDocumentBuilder
{
    /// <summary>Comprehensive SR Storage.</summary>
    public const string ComprehensiveSrSopClass = "1.2.840.10008.5.1.4.1.1.88.33";

    /// <summary>The manufacturer recorded for the device observer and equipment.</summary>
    public const string Manufacturer = "MedicalImaging";

    /// <summary>The SR as a Part 10 file in Explicit VR Little Endian.</summary>
    public static byte[] Write(MedicalReport report)
    {
        var file = DicomFile.Create(Build(report), DicomTransferSyntax.ExplicitVRLittleEndian);
        using var output = new MemoryStream();
        DicomWriter.Write(file, output);
        return output.ToArray();
    }

    /// <summary>The SR dataset.</summary>
    public static DicomDataset Build(MedicalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sources = report.Images.Where(i => i.Dicom is not null).ToList();
        var studyUid = sources.FirstOrDefault()?.Dicom!.StudyInstanceUid ?? ExportUids.For("study", report.Id);
        var created = report.CreatedAt.ToUniversalTime();
        var date = created.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = created.ToString("HHmmss", CultureInfo.InvariantCulture);

        var ds = new DicomDataset();
        if (CharacterSet(report) is { } characterSet)
        {
            ds.SetString(SrTags.SpecificCharacterSet, DicomVR.CS, characterSet);
        }

        ds.SetString(SrTags.InstanceCreationDate, DicomVR.DA, date);
        ds.SetString(SrTags.InstanceCreationTime, DicomVR.TM, time);
        ds.SetString(SrTags.SopClassUid, DicomVR.UI, ComprehensiveSrSopClass);
        ds.SetString(SrTags.SopInstanceUid, DicomVR.UI, ExportUids.For("sr-instance", report.Id));
        ds.Set(Empty(SrTags.StudyDate, DicomVR.DA));
        ds.SetString(SrTags.ContentDate, DicomVR.DA, date);
        ds.Set(Empty(SrTags.StudyTime, DicomVR.TM));
        ds.SetString(SrTags.ContentTime, DicomVR.TM, time);
        ds.Set(Empty(SrTags.AccessionNumber, DicomVR.SH));
        ds.SetString(SrTags.Modality, DicomVR.CS, "SR");
        ds.SetString(SrTags.Manufacturer, DicomVR.LO, Manufacturer);
        ds.Set(Empty(SrTags.ReferringPhysicianName, DicomVR.PN));
        ds.Set(SrItems.Sequence(SrTags.ReferencedPerformedProcedureStepSequence));
        ds.SetString(SrTags.ManufacturerModelName, DicomVR.LO, Clip(report.Provenance.Provider + " " + report.Provenance.Model, 64));
        ds.Set(Empty(SrTags.PatientName, DicomVR.PN));
        ds.Set(Empty(SrTags.PatientId, DicomVR.LO));
        ds.Set(Empty(SrTags.PatientBirthDate, DicomVR.DA));
        ds.Set(Empty(SrTags.PatientSex, DicomVR.CS));
        ds.SetString(SrTags.SoftwareVersions, DicomVR.LO, Clip(report.Provenance.PipelineVersion, 64));
        ds.SetString(SrTags.StudyInstanceUid, DicomVR.UI, studyUid);
        ds.SetString(SrTags.SeriesInstanceUid, DicomVR.UI, ExportUids.For("sr-series", report.Id));
        ds.Set(Empty(SrTags.StudyId, DicomVR.SH));
        ds.SetString(SrTags.SeriesNumber, DicomVR.IS, "9001");
        ds.SetString(SrTags.InstanceNumber, DicomVR.IS, "1");
        ds.SetString(SrTags.CompletionFlag, DicomVR.CS, "PARTIAL");
        ds.SetString(SrTags.VerificationFlag, DicomVR.CS, "UNVERIFIED");
        ds.Set(SrItems.Sequence(SrTags.PerformedProcedureCodeSequence));
        if (Evidence(sources) is { } evidence)
        {
            ds.Set(evidence);
        }

        var root = SrItems.Container(null, SrCodes.ImagingMeasurementReport, Content(report, sources), template: "1500");
        foreach (var element in root.Elements)
        {
            ds.Set(element);
        }

        return ds;
    }

    private static List<DicomDataset> Content(MedicalReport report, List<AnalyzedImage> sources)
    {
        var provenance = report.Provenance;
        var content = new List<DicomDataset>
        {
            SrItems.CodeItem("HAS CONCEPT MOD", SrCodes.Language, SrCodes.English),
            SrItems.CodeItem("HAS OBS CONTEXT", SrCodes.ObserverType, SrCodes.Device),
            SrItems.UidRef("HAS OBS CONTEXT", SrCodes.DeviceObserverUid, ExportUids.For("device", provenance.Provider + "/" + provenance.Model + "/" + provenance.PipelineVersion)),
            SrItems.Text("HAS OBS CONTEXT", SrCodes.DeviceObserverName, $"{provenance.Provider} ({provenance.Model}), MedicalImaging pipeline {provenance.PipelineVersion}"),
            SrItems.Text("HAS OBS CONTEXT", SrCodes.DeviceObserverManufacturer, Manufacturer),
            SrItems.Text("HAS OBS CONTEXT", SrCodes.DeviceObserverModelName, provenance.Model),
            SrItems.CodeItem("HAS CONCEPT MOD", SrCodes.ProcedureReported, SrCodes.ImagingProcedure),
        };
        if (sources.Count > 0)
        {
            var entries = sources.Select(i => SrItems.Image("CONTAINS", i.Dicom!.SopClassUid, i.Dicom.SopInstanceUid, Frame(i))).ToList();
            content.Add(SrItems.Container("CONTAINS", SrCodes.ImageLibrary, [SrItems.Container("CONTAINS", SrCodes.ImageLibraryGroup, entries)]));
        }

        var byIndex = report.Images.ToDictionary(i => i.Index);
        var groups = new List<DicomDataset>();
        var evaluations = new List<DicomDataset>();
        foreach (var finding in report.Findings)
        {
            if (finding.Region is { } box && byIndex.TryGetValue(finding.ImageIndex, out var image) && image.Dicom is { } source)
            {
                groups.Add(MeasurementGroup(report, finding, box, image, source));
            }
            else
            {
                var where = finding.Region is { } b
                    ? string.Create(CultureInfo.InvariantCulture, $"; region x={b.X:0.###} y={b.Y:0.###} w={b.Width:0.###} h={b.Height:0.###} of image {finding.ImageIndex}")
                    : string.Empty;
                evaluations.Add(SrItems.Text("CONTAINS", SrCodes.Finding,
                    string.Create(CultureInfo.InvariantCulture, $"{finding.Description} ({finding.Anatomy}; {finding.Severity.ToString().ToLowerInvariant()}; confidence {finding.Confidence:0.00}; source {finding.Source}{where})")));
            }
        }

        evaluations.Add(SrItems.Text("CONTAINS", SrCodes.Impression, report.Impression));
        evaluations.Add(SrItems.Text("CONTAINS", SrCodes.Comment, report.Disclaimer));
        if (groups.Count > 0)
        {
            content.Add(SrItems.Container("CONTAINS", SrCodes.ImagingMeasurements, groups));
        }

        content.Add(SrItems.Container("CONTAINS", SrCodes.QualitativeEvaluations, evaluations));
        return content;
    }

    private static DicomDataset MeasurementGroup(MedicalReport report, ReportFinding finding, NormalizedBox box, AnalyzedImage image, DicomImageReference source)
    {
        float Column(double x) => (float)(x * image.Width);
        float Row(double y) => (float)(y * image.Height);
        var (left, top, right, bottom) = (Column(box.X), Row(box.Y), Column(box.X + box.Width), Row(box.Y + box.Height));
        var selected = SrItems.Image("SELECTED FROM", source.SopClassUid, source.SopInstanceUid, Frame(image));
        return SrItems.Container("CONTAINS", SrCodes.MeasurementGroup,
        [
            SrItems.Text("HAS OBS CONTEXT", SrCodes.TrackingIdentifier, finding.Id),
            SrItems.UidRef("HAS OBS CONTEXT", SrCodes.TrackingUniqueIdentifier, ExportUids.For("finding", report.Id + "/" + finding.Id)),
            SrItems.Text("CONTAINS", SrCodes.Finding, finding.Description),
            SrItems.Text("CONTAINS", SrCodes.FindingSite, finding.Anatomy),
            SrItems.CodeItem("CONTAINS", SrCodes.Severity, SrCodes.For(finding.Severity)),
            SrItems.Polyline("CONTAINS", SrCodes.ImageRegion, [(left, top), (right, top), (right, bottom), (left, bottom), (left, top)], selected),
        ], template: "1410");
    }

    /// <summary>The Referenced Frame Number for a multi-frame source; null for a single-frame one (where it must be absent).</summary>
    private static int? Frame(AnalyzedImage image) =>
        image.Preprocessing.TryGetValue("frame", out var frame) && frame.Split(' ') is [_, "of", var count, ..]
            && int.TryParse(count, CultureInfo.InvariantCulture, out var frames) && frames > 1
            ? image.Dicom!.FrameNumber
            : null;

    /// <summary>Current Requested Procedure Evidence: every referenced instance, by study and series (Hierarchical SOP Instance Reference).</summary>
    private static DicomElement? Evidence(List<AnalyzedImage> sources)
    {
        if (sources.Count == 0)
        {
            return null;
        }

        var studies = sources.GroupBy(i => i.Dicom!.StudyInstanceUid).Select(study =>
        {
            var item = new DicomDataset();
            item.SetString(SrTags.StudyInstanceUid, DicomVR.UI, study.Key);
            var series = study.GroupBy(i => i.Dicom!.SeriesInstanceUid).Select(s =>
            {
                var seriesItem = new DicomDataset();
                var instances = s.DistinctBy(i => i.Dicom!.SopInstanceUid).Select(i =>
                {
                    var reference = new DicomDataset();
                    reference.SetString(SrTags.ReferencedSopClassUid, DicomVR.UI, i.Dicom!.SopClassUid);
                    reference.SetString(SrTags.ReferencedSopInstanceUid, DicomVR.UI, i.Dicom.SopInstanceUid);
                    return reference;
                }).ToArray();
                seriesItem.Set(SrItems.Sequence(SrTags.ReferencedSopSequence, instances));
                seriesItem.SetString(SrTags.SeriesInstanceUid, DicomVR.UI, s.Key);
                return seriesItem;
            }).ToArray();
            item.Set(SrItems.Sequence(SrTags.ReferencedSeriesSequence, series));
            return item;
        }).ToArray();
        return SrItems.Sequence(SrTags.CurrentRequestedProcedureEvidenceSequence, studies);
    }

    /// <summary>
    /// The narrowest character set the text needs: none (ASCII), ISO_IR 100 (Latin-1) or ISO_IR 192 (UTF-8). Narrow
    /// first because many receivers (and dcmtk's VR checker) still handle UTF-8 only partly.
    /// </summary>
    private static string? CharacterSet(MedicalReport report)
    {
        IEnumerable<string> texts = [report.Impression, report.Disclaimer, report.Provenance.Provider, report.Provenance.Model,
            .. report.Findings.SelectMany(f => new[] { f.Description, f.Anatomy, f.Source, f.Id })];
        var widest = texts.SelectMany(t => t).DefaultIfEmpty(' ').Max();
        return widest < 0x80 ? null : widest <= 0xFF ? "ISO_IR 100" : "ISO_IR 192";
    }

    private static DicomElement Empty(DicomTag tag, DicomVR vr) => new(tag, vr, ReadOnlyMemory<byte>.Empty);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
