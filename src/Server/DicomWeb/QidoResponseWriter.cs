using System.Text.Json;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>QIDO-RS results as a DICOM JSON array (PS3.18 F.2): the chosen attributes of each match, in tag order, and its Retrieve URL.</summary>
public static class QidoResponseWriter
{
    public static void Write(Utf8JsonWriter writer, QidoQuery query, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rows);
        var attributes = query.ReturnAttributes.Append(RetrieveUrl).OrderBy(a => a.Tag, StringComparer.Ordinal).ToList();
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            foreach (var attribute in attributes)
            {
                var value = attribute == RetrieveUrl ? Url(baseUrl, query.Level, row) : row.GetValueOrDefault(attribute.Column);
                if (attribute == DicomWebAttributes.ModalitiesInStudy && value is not null)
                {
                    value = value.Replace(',', '\\');
                }

                DicomJsonWriter.WriteAttribute(writer, attribute.Tag, attribute.VR, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static readonly DicomWebAttribute RetrieveUrl = new("RetrieveURL", "00081190", "UR", QueryLevel.Study, "retrieve_url", Matchable: false);

    private static string Url(string baseUrl, QueryLevel level, IReadOnlyDictionary<string, string?> row)
    {
        var url = $"{baseUrl}/studies/{row[DicomWebAttributes.StudyInstanceUid.Column]}";
        if (level >= QueryLevel.Series)
        {
            url += $"/series/{row[DicomWebAttributes.SeriesInstanceUid.Column]}";
        }

        return level == QueryLevel.Instance ? url + $"/instances/{row[DicomWebAttributes.SopInstanceUid.Column]}" : url;
    }
}
