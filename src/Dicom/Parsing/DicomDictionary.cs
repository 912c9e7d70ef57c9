namespace MedicalImaging.Dicom;

/// <summary>The VR of a standard tag, for implicit VR data and for UN elements read by name.</summary>
internal static partial class DicomDictionary
{
    /// <summary>The dictionary VR, or <see cref="DicomVR.UN"/> for private and unknown tags.</summary>
    public static DicomVR LookupVR(DicomTag tag)
    {
        if (tag.Element == 0x0000)
        {
            return DicomVR.UL; // group length
        }

        if (tag.IsPrivate)
        {
            // Private creator elements (gggg,0010-00FF) are LO.
            return tag.Element is >= 0x0010 and <= 0x00FF ? DicomVR.LO : DicomVR.UN;
        }

        var group = tag.Group;
        if ((group & 0xFF00) is 0x6000 or 0x5000 && (group & 1) == 0)
        {
            group &= 0xFF00;
        }

        var key = ((ulong)group << 16) | tag.Element;
        int lo = 0, hi = Entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var entryTag = Entries[mid] >> 32;
            if (entryTag == key)
            {
                return (DicomVR)(ushort)Entries[mid];
            }

            if (entryTag < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return DicomVR.UN;
    }
}
