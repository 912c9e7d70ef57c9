using System.Text.Json;

namespace MedicalImaging.Dicom;

/// <summary>The `medimg dicom info --json` object: snake_case header facts (no patient identity).</summary>
public static class DicomSummary
{
    /// <summary>Writes one JSON object describing <paramref name="file"/>.</summary>
    public static void WriteJson(DicomFile file, Utf8JsonWriter json)
    {
        var ds = file.Dataset;
        json.WriteStartObject();
        json.WriteString("transfer_syntax_uid", file.TransferSyntax.Uid);
        json.WriteString("transfer_syntax_name", file.TransferSyntax.Name);
        json.WriteString("sop_class_uid", ds.GetFirstString(DicomTags.SopClassUid));
        json.WriteString("modality", ds.GetFirstString(DicomTags.Modality));
        json.WriteString("body_part", ds.GetFirstString(DicomTags.BodyPartExamined));
        json.WriteNumber("rows", ds.GetInt32(DicomTags.Rows, 0));
        json.WriteNumber("columns", ds.GetInt32(DicomTags.Columns, 0));
        json.WriteNumber("samples_per_pixel", ds.GetInt32(DicomTags.SamplesPerPixel, 1));
        json.WriteNumber("bits_allocated", ds.GetInt32(DicomTags.BitsAllocated, 0));
        json.WriteNumber("bits_stored", ds.GetInt32(DicomTags.BitsStored, ds.GetInt32(DicomTags.BitsAllocated, 0)));
        json.WriteNumber("high_bit", ds.GetInt32(DicomTags.HighBit, ds.GetInt32(DicomTags.BitsStored, 1) - 1));
        json.WriteNumber("pixel_representation", ds.GetInt32(DicomTags.PixelRepresentation, 0));
        json.WriteNumber("planar_configuration", ds.GetInt32(DicomTags.PlanarConfiguration, 0));
        json.WriteString("photometric_interpretation", ds.GetFirstString(DicomTags.PhotometricInterpretation));
        json.WriteNumber("number_of_frames", Math.Max(1, ds.GetInt32(DicomTags.NumberOfFrames, 1)));
        WriteNumbers(json, "pixel_spacing", ds.GetDoubles(DicomTags.PixelSpacing));
        WriteNumber(json, "slice_thickness", ds.GetDouble(DicomTags.SliceThickness));
        WriteNumbers(json, "image_position_patient", ds.GetDoubles(DicomTags.ImagePositionPatient));
        WriteNumbers(json, "image_orientation_patient", ds.GetDoubles(DicomTags.ImageOrientationPatient));
        WriteNumber(json, "rescale_slope", ds.GetDouble(DicomTags.RescaleSlope));
        WriteNumber(json, "rescale_intercept", ds.GetDouble(DicomTags.RescaleIntercept));
        WriteNumbers(json, "window_center", ds.GetDoubles(DicomTags.WindowCenter));
        WriteNumbers(json, "window_width", ds.GetDoubles(DicomTags.WindowWidth));
        json.WriteBoolean("has_voi_lut", ds.GetSequence(DicomTags.VoiLutSequence).Count > 0);
        json.WriteString("specific_character_set", ds.CharacterSet.Terms);
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }
}
