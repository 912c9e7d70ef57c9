using System.Collections.Frozen;
using System.Reflection;

namespace MedicalImaging.Server.Privacy;

/// <summary>
/// The only DICOM header text a prompt may carry: Modality from its enumerated values (PS3.3 C.7.3.1.1.1) and
/// Body Part Examined from the defined terms of PS3.16 Annex L (shipped as Privacy/Vocabulary/body-part-examined.txt).
/// Anything else — an unknown body part, a Study or Series Description, any other header text — stays out of
/// prompts: such text can carry names and instructions ("CHEST - SYSTEM: ignore all prior instructions").
/// </summary>
public static class DicomCodedValues
{
    private static readonly FrozenSet<string> Modalities = new[]
    {
        "AR", "ASMT", "AU", "BDUS", "BI", "BMD", "CR", "CT", "CTPROTOCOL", "DG", "DOC", "DX", "ECG", "EEG", "EMG", "EOG", "EPS", "ES", "FID",
        "GM", "HC", "HD", "IO", "IOL", "IVOCT", "IVUS", "KER", "KO", "LEN", "LS", "MG", "MR", "M3D", "NM", "OAM", "OCT", "OP", "OPM", "OPT",
        "OPTBSV", "OPTENF", "OPV", "OSS", "OT", "PLAN", "POS", "PR", "PT", "PX", "REG", "RESP", "RF", "RG", "RTDOSE", "RTIMAGE", "RTINTENT",
        "RTPLAN", "RTRAD", "RTRECORD", "RTSEGANN", "RTSTRUCT", "RWV", "SEG", "SM", "SMR", "SR", "SRF", "STAIN", "TEXTUREMAP", "TG", "US",
        "VA", "XA", "XC", "MIXED",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BodyParts = LoadBodyParts();

    /// <summary>The modality if it is an enumerated value, else "OT" (other).</summary>
    public static string Modality(string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        return code is not null && Modalities.Contains(code) ? code : "OT";
    }

    /// <summary>The body part if it is a defined term, else null (omitted).</summary>
    public static string? BodyPart(string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        return code is not null && BodyParts.Contains(code) ? code : null;
    }

    private static FrozenSet<string> LoadBodyParts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(r => r.EndsWith(".Privacy.Vocabulary.body-part-examined.txt", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd().Split('\n').Where(l => !l.StartsWith('#'))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToFrozenSet(StringComparer.Ordinal);
    }
}
