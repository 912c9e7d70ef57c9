using System.Globalization;
using System.Text.Json;
using MedicalImaging.Dicom;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// The DICOM JSON Model (PS3.18 Annex F.2): an object per dataset, keyed by the tag's eight hex digits, each attribute
/// {"vr", "Value"}; PN as {"Alphabetic", "Ideographic", "Phonetic"}; numbers (IS, DS, binary) as JSON numbers; sequences
/// as arrays of objects. Pixel Data and other binary values above <see cref="InlineBinaryLimit"/> bytes are left out
/// (this server offers no bulk-data resource: frames come from /frames, whole objects from the instance resource).
/// </summary>
public static class DicomJsonWriter
{
    /// <summary>Binary values up to this size are written inline (base64); larger ones are omitted.</summary>
    public const int InlineBinaryLimit = 1024;

    /// <summary>Writes <paramref name="dataset"/> as one JSON object.</summary>
    public static void WriteDataset(Utf8JsonWriter writer, DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dataset);
        writer.WriteStartObject();
        foreach (var element in dataset.Elements)
        {
            if (element.Tag.IsDelimiter || element.Tag.Element == 0x0000 || element.Tag == DicomTags.PixelData)
            {
                continue; // group lengths and delimiters are encoding, not data
            }

            var vr = element.VR is DicomVR.None ? DicomVR.UN : element.VR;
            if (IsBinary(vr) && element.Value.Length > InlineBinaryLimit)
            {
                continue;
            }

            writer.WritePropertyName(Tag(element.Tag));
            writer.WriteStartObject();
            writer.WriteString("vr", DicomVRInfo.Name(vr));
            WriteValue(writer, dataset, element, vr);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>The attribute's key: eight upper-case hex digits.</summary>
    public static string Tag(DicomTag tag) => tag.Value.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Writes one attribute whose value is text (or null: present, empty) as its VR needs.</summary>
    public static void WriteAttribute(Utf8JsonWriter writer, string tag, string vr, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(tag);
        writer.WriteStartObject();
        writer.WriteString("vr", vr);
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteStartArray("Value");
            foreach (var part in vr is "LT" or "ST" or "UT" or "UR" ? [value] : value.Split('\\'))
            {
                WriteText(writer, vr, part);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, DicomDataset dataset, DicomElement element, DicomVR vr)
    {
        if (element.Items is { } items)
        {
            writer.WriteStartArray("Value");
            foreach (var item in items)
            {
                WriteDataset(writer, item);
            }

            writer.WriteEndArray();
            return;
        }

        if (element.Value.Length == 0)
        {
            return;
        }

        if (IsBinary(vr))
        {
            writer.WriteBase64String("InlineBinary", element.Value.Span);
            return;
        }

        var size = vr switch
        {
            DicomVR.US or DicomVR.SS => 2,
            DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.AT => 4,
            DicomVR.FD or DicomVR.SV or DicomVR.UV => 8,
            _ => 0,
        };
        writer.WriteStartArray("Value");
        if (vr == DicomVR.AT)
        {
            var span = element.Value.Span;
            for (var i = 0; i + 4 <= span.Length; i += 4)
            {
                var group = dataset.IsBigEndian ? (span[i] << 8) | span[i + 1] : span[i] | (span[i + 1] << 8);
                var number = dataset.IsBigEndian ? (span[i + 2] << 8) | span[i + 3] : span[i + 2] | (span[i + 3] << 8);
                writer.WriteStringValue(((uint)((group << 16) | number)).ToString("X8", CultureInfo.InvariantCulture));
            }
        }
        else if (size > 0)
        {
            for (var i = 0; i < element.Value.Length / size; i++)
            {
                if (dataset.TryGetDouble(element.Tag, out var number, i))
                {
                    writer.WriteNumberValue(number);
                }
            }
        }
        else
        {
            var text = dataset.GetString(element.Tag) ?? string.Empty;
            foreach (var part in vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR ? [text] : text.Split('\\'))
            {
                WriteText(writer, DicomVRInfo.Name(vr), part.Trim(' ', '\0'));
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter writer, string vr, string value)
    {
        switch (vr)
        {
            case "PN":
                writer.WriteStartObject();
                var groups = value.Split('=');
                string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
                for (var g = 0; g < Math.Min(groups.Length, names.Length); g++)
                {
                    if (groups[g].Length > 0)
                    {
                        writer.WriteString(names[g], groups[g]);
                    }
                }

                writer.WriteEndObject();
                break;
            case "IS" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case "DS" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case "US" or "UL" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unsigned):
                writer.WriteNumberValue(unsigned);
                break;
            default:
                if (value.Length == 0)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(value);
                }

                break;
        }
    }

    private static bool IsBinary(DicomVR vr) =>
        vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN;
}
