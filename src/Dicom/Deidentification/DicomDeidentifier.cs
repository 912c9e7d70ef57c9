namespace MedicalImaging.Dicom;

/// <summary>
/// PS3.15 Basic Application Level Confidentiality Profile: removes or empties identifying attributes, remaps UIDs
/// consistently, removes private elements and overlay/curve data, recurses into sequences, and records
/// Patient Identity Removed = YES with the method used.
/// </summary>
public sealed class DicomDeidentifier
{
    /// <summary>Text recorded in De-identification Method (0012,0063).</summary>
    public const string MethodDescription = "PS3.15 Basic Application Level Confidentiality Profile (medimg)";

    private readonly DeidentificationOptions _options;
    private readonly UidRemapper _uids;

    public DicomDeidentifier(DeidentificationOptions? options = null)
    {
        _options = options ?? DeidentificationOptions.Default;
        _uids = new UidRemapper(_options.UidSecret);
    }

    /// <summary>De-identifies the file's dataset in place (the meta is rebuilt from it by <see cref="DicomWriter"/>).</summary>
    public void Deidentify(DicomFile file)
    {
        Apply(file.Dataset);
        var ds = file.Dataset;
        ds.SetString(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
        ds.SetString(DicomTags.DeidentificationMethod, DicomVR.LO, MethodDescription);
        var code = new DicomDataset(ds.IsBigEndian, ds);
        code.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "113100");
        code.SetString(new DicomTag(0x0008, 0x0102), DicomVR.SH, "DCM");
        code.SetString(new DicomTag(0x0008, 0x0104), DicomVR.LO, "Basic Application Confidentiality Profile");
        ds.Set(new DicomElement(DicomTags.DeidentificationMethodCodeSequence, DicomVR.SQ, ReadOnlyMemory<byte>.Empty) { Items = [code] });
    }

    private void Apply(DicomDataset ds)
    {
        ds.RemoveAll(e => e.Tag.IsPrivate || IsOverlayOrCurve(e.Tag));
        foreach (var element in ds.Elements.ToArray())
        {
            var action = BasicProfile.Actions.GetValueOrDefault(element.Tag.Value, DeidentificationAction.Keep);
            if (_options.RetainPatientCharacteristics && BasicProfile.PatientCharacteristics.Contains(element.Tag.Value))
            {
                action = DeidentificationAction.Keep;
            }

            switch (action)
            {
                case DeidentificationAction.Remove:
                    ds.Remove(element.Tag);
                    continue;
                case DeidentificationAction.Empty:
                    ds.Set(new DicomElement(element.Tag, element.VR, ReadOnlyMemory<byte>.Empty));
                    continue;
            }

            if (element.Items is { } items)
            {
                foreach (var item in items)
                {
                    Apply(item);
                }
            }
            else if (DicomDataset.EffectiveVR(element) == DicomVR.UI && element.Tag != DicomTags.TransferSyntaxUid)
            {
                var uids = ds.GetStrings(element.Tag);
                var mapped = string.Join('\\', uids.Select(_uids.Map));
                ds.SetString(element.Tag, DicomVR.UI, mapped);
            }
        }
    }

    private static bool IsOverlayOrCurve(DicomTag tag) =>
        ((tag.Group & 0xFF00) == 0x5000) || ((tag.Group & 0xFF00) == 0x6000 && tag.Element is 0x3000 or 0x4000);
}
