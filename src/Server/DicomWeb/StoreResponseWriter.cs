using System.Text.Json;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// The STOW-RS response body (PS3.18 10.5.3, Table 10.5.3-1) in application/dicom+json: Retrieve URL of the study,
/// Referenced SOP Sequence for what was stored, Failed SOP Sequence with Failure Reason (and Error Comment) for the rest.
/// </summary>
public static class StoreResponseWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<StoreOutcome> outcomes, string baseUrl, string? study)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcomes);
        var studies = outcomes.Where(o => o.Stored).Select(o => o.StudyInstanceUid).Distinct().ToList();
        var studyUrl = study ?? (studies.Count == 1 ? studies[0] : null);
        writer.WriteStartObject();
        if (studyUrl is not null)
        {
            DicomJsonWriter.WriteAttribute(writer, "00081190", "UR", $"{baseUrl}/studies/{studyUrl}");
        }

        var failed = outcomes.Where(o => !o.Stored).ToList();
        if (failed.Count > 0)
        {
            WriteSequence(writer, "00081198", failed, baseUrl);
        }

        var stored = outcomes.Where(o => o.Stored).ToList();
        if (stored.Count > 0)
        {
            WriteSequence(writer, "00081199", stored, baseUrl);
        }

        writer.WriteEndObject();
    }

    private static void WriteSequence(Utf8JsonWriter writer, string tag, List<StoreOutcome> items, string baseUrl)
    {
        writer.WritePropertyName(tag);
        writer.WriteStartObject();
        writer.WriteString("vr", "SQ");
        writer.WriteStartArray("Value");
        foreach (var item in items)
        {
            writer.WriteStartObject();
            if (item.Comment is not null)
            {
                DicomJsonWriter.WriteAttribute(writer, "00000902", "LO", item.Comment);
            }

            DicomJsonWriter.WriteAttribute(writer, "00081150", "UI", item.SopClassUid);
            DicomJsonWriter.WriteAttribute(writer, "00081155", "UI", item.SopInstanceUid);
            if (item.Stored)
            {
                DicomJsonWriter.WriteAttribute(writer, "00081190", "UR",
                    $"{baseUrl}/studies/{item.StudyInstanceUid}/series/{item.SeriesInstanceUid}/instances/{item.SopInstanceUid}");
            }
            else
            {
                writer.WritePropertyName("00081197");
                writer.WriteStartObject();
                writer.WriteString("vr", "US");
                writer.WriteStartArray("Value");
                writer.WriteNumberValue(item.FailureReason!.Value);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
