using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// PS3.15 Basic Application Level Confidentiality Profile over the whole of Table E.1-1 (<see cref="BasicProfile"/>):
/// each listed attribute gets its action wherever it occurs (sequence items included), private attributes and
/// curve/overlay data are removed, UIDs are remapped with a keyed HMAC, and the chosen options change the action
/// where their column says K or C. Patient Identity Removed is YES only when burned-in text was ruled out.
/// </summary>
public sealed class DicomDeidentifier
{
    private static readonly DicomTag LongitudinalTemporalInformationModified = new(0x0028, 0x0303);

    private readonly DeidentificationOptions _options;
    private readonly UidRemapper _uids;
    private readonly byte[] _pseudonymKey;

    public DicomDeidentifier(DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Key is null || options.Key.Length < DeidentificationKey.MinimumLength)
        {
            throw new ArgumentException($"the de-identification key must be at least {DeidentificationKey.MinimumLength} bytes", nameof(options));
        }

        _options = options;
        _uids = new UidRemapper(Derive(options.Key, "uid"));
        _pseudonymKey = Derive(options.Key, "patient-id");
    }

    /// <summary>De-identifies the file's dataset in place (the meta is rebuilt from it by <see cref="DicomWriter"/>).</summary>
    public DeidentificationResult Deidentify(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ds = file.Dataset;
        var context = new Context(
            _options.RetainLongitudinalModifiedDates ? new DateShifter(_options.Key, PatientKey(ds)) : null,
            new DescriptorCleaner(IdentifierWords(ds)));
        var notRemovedReason = BurnedInTextRule.WhyIdentityMayRemain(ds, _options.BurnedInTextChecked);
        Apply(ds, context);
        ds.SetString(LongitudinalTemporalInformationModified, DicomVR.CS, context.Dates is null ? "REMOVED" : "MODIFIED");
        if (notRemovedReason is null)
        {
            ds.SetString(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
            DeidentificationMethod.Record(ds, MethodCodes());
        }
        else
        {
            ds.SetString(DicomTags.PatientIdentityRemoved, DicomVR.CS, "NO");
            ds.Remove(DicomTags.DeidentificationMethod);
            ds.Remove(DicomTags.DeidentificationMethodCodeSequence);
        }

        return new DeidentificationResult(notRemovedReason is null, notRemovedReason, context.Dates?.Offset ?? TimeSpan.Zero);
    }

    /// <summary>The PS3.16 CID 7050 codes of what was applied: the profile and each option in force.</summary>
    public IReadOnlyList<(string Code, string Meaning)> MethodCodes() => DeidentificationMethod.Codes(_options);

    private void Apply(DicomDataset ds, Context context)
    {
        var shiftedWithPartner = new HashSet<uint>();
        foreach (var element in ds.Elements.ToArray())
        {
            var entry = BasicProfile.Find(element.Tag);
            if (entry is null)
            {
                KeepOrRemapUids(ds, element, context);
                continue;
            }

            var (action, cleaning) = OptionActions.For(_options, entry);
            if (action == DeidentificationAction.Clean && !TryClean(ds, element, cleaning, context, shiftedWithPartner))
            {
                action = BasicProfile.Resolve(entry.Code);
            }

            switch (action)
            {
                case DeidentificationAction.Remove:
                    ds.Remove(element.Tag);
                    break;
                case DeidentificationAction.Empty:
                    ds.Set(Emptied(element));
                    break;
                case DeidentificationAction.Dummy:
                    SetDummy(ds, element);
                    break;
                case DeidentificationAction.RemapUid:
                    RemapUids(ds, element, context);
                    break;
                case DeidentificationAction.Keep:
                    if (element.Items is { } items)
                    {
                        ApplyToItems(items, context); // K on a sequence: kept, its items cleaned
                    }

                    break;
            }
        }
    }

    /// <summary>Carries out C; false when this value cannot be cleaned (the basic action then applies).</summary>
    private bool TryClean(DicomDataset ds, DicomElement element, ValueCleaning cleaning, Context context, HashSet<uint> shiftedWithPartner)
    {
        if (shiftedWithPartner.Contains(element.Tag.Value))
        {
            return true; // moved together with its date or time
        }

        if (element.Items is { } items)
        {
            ApplyToItems(items, context);
            return true;
        }

        var vr = DicomDataset.EffectiveVR(element);
        var value = ds.GetString(element.Tag);
        if (cleaning == ValueCleaning.ShiftDates && context.Dates is { } dates && vr is DicomVR.DA or DicomVR.DT or DicomVR.TM)
        {
            if (!string.IsNullOrEmpty(value) && TryShiftPair(ds, element.Tag, vr, value, dates, shiftedWithPartner))
            {
                return true;
            }

            var shifted = string.IsNullOrEmpty(value) ? value : dates.Shift(value, vr);
            if (shifted is null)
            {
                return false;
            }

            if (!string.IsNullOrEmpty(shifted))
            {
                ds.SetString(element.Tag, vr, shifted);
            }

            return true;
        }

        // Text cleaning (descriptors, and C under the retain options): kept verbatim only when the cleaner passes it.
        return cleaning == ValueCleaning.Text && (DicomVRInfo.IsCharacterSetText(vr) || vr == DicomVR.CS)
            && value is not null && context.Cleaner.IsClean(value);
    }

    /// <summary>A date with its time present beside it (both shifted under the option) moves as one instant.</summary>
    private bool TryShiftPair(DicomDataset ds, DicomTag tag, DicomVR vr, string value, DateShifter dates, HashSet<uint> shiftedWithPartner)
    {
        if (vr is not (DicomVR.DA or DicomVR.TM) || !BasicProfile.DateTimePartners.TryGetValue(tag.Value, out var partnerValue))
        {
            return false;
        }

        var partnerTag = DicomTag.FromValue(partnerValue);
        var partnerText = ds.GetString(partnerTag);
        if (string.IsNullOrEmpty(partnerText) || BasicProfile.Find(partnerTag) is not { } partnerEntry
            || OptionActions.For(_options, partnerEntry).Cleaning != ValueCleaning.ShiftDates)
        {
            return false;
        }

        var (date, time) = vr == DicomVR.DA ? (value, partnerText) : (partnerText, value);
        if (dates.ShiftPair(date, time) is not { } moved)
        {
            return false;
        }

        var dateTag = vr == DicomVR.DA ? tag : partnerTag;
        var timeTag = vr == DicomVR.DA ? partnerTag : tag;
        ds.SetString(dateTag, DicomVR.DA, moved.Date);
        ds.SetString(timeTag, DicomVR.TM, moved.Time);
        shiftedWithPartner.Add(partnerValue);
        return true;
    }

    private void KeepOrRemapUids(DicomDataset ds, DicomElement element, Context context)
    {
        if (element.Items is { } items)
        {
            ApplyToItems(items, context);
        }
        else if (DicomDataset.EffectiveVR(element) == DicomVR.UI && !UidRemapper.HoldsClassUids(element.Tag))
        {
            RemapUids(ds, element, context); // an instance UID the table does not list is still a link to the original
        }
    }

    private void RemapUids(DicomDataset ds, DicomElement element, Context context)
    {
        if (element.Items is { } items)
        {
            ApplyToItems(items, context); // X/Z/U*: the references stay, every UID in them remapped
            return;
        }

        MapUidValues(ds, element);
    }

    private void MapUidValues(DicomDataset ds, DicomElement element)
    {
        var uids = ds.GetStrings(element.Tag);
        if (uids.Length > 0)
        {
            ds.SetString(element.Tag, DicomVR.UI, string.Join('\\', uids.Select(_uids.Map)));
        }
    }

    private void ApplyToItems(IReadOnlyList<DicomDataset> items, Context context)
    {
        foreach (var item in items)
        {
            Apply(item, context);
        }
    }

    private void SetDummy(DicomDataset ds, DicomElement element)
    {
        if (element.Items is not null)
        {
            ds.Set(Emptied(element)); // no dummy item can be made without the IOD's item content: no items
            return;
        }

        var vr = DicomDataset.EffectiveVR(element);
        if (element.Tag == DicomTags.PatientId)
        {
            // A keyed pseudonym rather than one constant, so a patient's files stay together after de-identification.
            var original = ds.GetString(element.Tag) ?? "";
            var hash = HMACSHA256.HashData(_pseudonymKey, Encoding.UTF8.GetBytes(original.Trim()));
            ds.SetString(element.Tag, DicomVR.LO, "ANON" + Convert.ToHexString(hash, 0, 8));
            return;
        }

        if (vr == DicomVR.UI)
        {
            MapUidValues(ds, element);
            return;
        }

        if (DummyValues.TextFor(vr) is { } text)
        {
            ds.SetString(element.Tag, vr, text);
        }
        else
        {
            ds.Set(new DicomElement(element.Tag, vr == DicomVR.None ? DicomVR.UN : vr, DummyValues.Binary(vr)));
        }
    }

    private static DicomElement Emptied(DicomElement element) => element.Items is not null
        ? new DicomElement(element.Tag, DicomVR.SQ, ReadOnlyMemory<byte>.Empty) { Items = [] }
        : new DicomElement(element.Tag, element.VR, ReadOnlyMemory<byte>.Empty);

    /// <summary>Whose dates move together: the original Patient ID, else the name, else the study.</summary>
    private static string PatientKey(DicomDataset ds) =>
        ds.GetString(DicomTags.PatientId)?.Trim() is { Length: > 0 } id ? "id:" + id
        : ds.GetString(DicomTags.PatientName)?.Trim() is { Length: > 0 } name ? "name:" + name
        : "study:" + (ds.GetFirstString(DicomTags.StudyInstanceUid) ?? "");

    /// <summary>Words of every identifying value at the top level (names, IDs, places), which a clean descriptor must not contain.</summary>
    private static List<string> IdentifierWords(DicomDataset ds)
    {
        var words = new List<string>();
        foreach (var element in ds.Elements)
        {
            var vr = DicomDataset.EffectiveVR(element);
            if (element.Items is null && (vr is DicomVR.PN or DicomVR.LO or DicomVR.SH or DicomVR.ST)
                && BasicProfile.Find(element.Tag) is { } entry && entry.CleanDescriptors is null
                && ds.GetString(element.Tag) is { Length: > 0 } value)
            {
                words.AddRange(DescriptorCleaner.WordsOf(value.Replace('^', ' ')));
            }
        }

        return words;
    }

    private static byte[] Derive(byte[] key, string label) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("medimg-deid-" + label));

    private sealed record Context(DateShifter? Dates, DescriptorCleaner Cleaner);
}
