using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MedicalImaging.Dicom;

/// <summary>
/// Writes a Part 10 file: preamble, "DICM", file meta (explicit VR little endian, group length recomputed) and
/// the dataset in the file's own transfer syntax (deflated when it says so). Sequences and items are written
/// with undefined length so edited items need no length bookkeeping; group lengths in the dataset are dropped.
/// </summary>
public static class DicomWriter
{
    /// <summary>Our implementation class UID (2.25 form) and version name, recorded in the file meta.</summary>
    public const string ImplementationClassUid = "2.25.195870542815730145573497232839124532581";

    /// <summary>Implementation version name.</summary>
    public const string ImplementationVersion = "MEDIMG_DICOM_1";

    /// <summary>Writes <paramref name="file"/> to <paramref name="output"/>.</summary>
    public static void Write(DicomFile file, Stream output)
    {
        var ts = file.TransferSyntax;
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        WriteMeta(file, ts, output);
        if (ts.IsDeflated)
        {
            using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
            WriteDataset(file.Dataset, deflate, explicitVR: true, big: false);
        }
        else
        {
            WriteDataset(file.Dataset, output, ts.IsExplicitVR, ts.IsBigEndian);
        }
    }

    /// <summary>Writes to a path.</summary>
    public static void Write(DicomFile file, string path)
    {
        using var stream = File.Create(path);
        Write(file, stream);
    }

    private static void WriteMeta(DicomFile file, DicomTransferSyntax ts, Stream output)
    {
        var meta = new DicomDataset();
        meta.Set(new DicomElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 }));
        var sopClass = file.Dataset.GetFirstString(DicomTags.SopClassUid) ?? file.Meta.GetFirstString(DicomTags.MediaStorageSopClassUid) ?? "1.2.840.10008.5.1.4.1.1.7";
        var sopInstance = file.Dataset.GetFirstString(DicomTags.SopInstanceUid) ?? file.Meta.GetFirstString(DicomTags.MediaStorageSopInstanceUid) ?? "2.25.0";
        meta.SetString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, sopClass);
        meta.SetString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, sopInstance);
        meta.SetString(DicomTags.TransferSyntaxUid, DicomVR.UI, ts.Uid);
        meta.SetString(DicomTags.ImplementationClassUid, DicomVR.UI, ImplementationClassUid);
        meta.SetString(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersion);
        using var body = new MemoryStream();
        WriteDataset(meta, body, explicitVR: true, big: false, isMeta: true);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)body.Length);
        WriteElement(new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, groupLength), output, true, false);
        body.Position = 0;
        body.CopyTo(output);
    }

    private static void WriteDataset(DicomDataset dataset, Stream output, bool explicitVR, bool big, bool isMeta = false)
    {
        foreach (var element in dataset.Elements)
        {
            if (element.Tag.Element == 0x0000 || (!isMeta && element.Tag.Group == 0x0002))
            {
                continue; // group lengths would be stale after edits; the meta group is written on its own
            }

            WriteElement(element, output, explicitVR, big);
        }
    }

    private static void WriteElement(DicomElement element, Stream output, bool explicitVR, bool big)
    {
        var vr = element.VR is DicomVR.None ? DicomVR.UN : element.VR;
        if (element.Items is { } items)
        {
            WriteHeader(output, element.Tag, DicomVR.SQ, DicomElement.UndefinedLength, explicitVR, big);
            foreach (var item in items)
            {
                WriteItemTag(output, DicomTags.Item, DicomElement.UndefinedLength, big);
                WriteDataset(item, output, explicitVR, big);
                WriteItemTag(output, DicomTags.ItemDelimitation, 0, big);
            }

            WriteItemTag(output, DicomTags.SequenceDelimitation, 0, big);
            return;
        }

        if (element.Fragments is { } fragments)
        {
            WriteHeader(output, element.Tag, vr == DicomVR.UN ? DicomVR.OB : vr, DicomElement.UndefinedLength, explicitVR, big);
            WriteFragment(output, fragments.BasicOffsetTable.Span, big);
            foreach (var fragment in fragments.Fragments)
            {
                WriteFragment(output, fragment.Data.Span, big);
            }

            WriteItemTag(output, DicomTags.SequenceDelimitation, 0, big);
            return;
        }

        var value = element.Value.Span;
        var padded = (value.Length & 1) == 1;
        var length = (uint)(value.Length + (padded ? 1 : 0));
        if (explicitVR && !DicomVRInfo.HasLongLength(vr) && length > ushort.MaxValue)
        {
            vr = DicomVR.UN; // too long for a 16-bit length: UN keeps the bytes
        }

        WriteHeader(output, element.Tag, vr, length, explicitVR, big);
        output.Write(value);
        if (padded)
        {
            output.WriteByte(DicomVRInfo.IsCharacterSetText(vr) || vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA
                or DicomVR.DS or DicomVR.DT or DicomVR.IS or DicomVR.TM or DicomVR.UR ? (byte)' ' : (byte)0);
        }
    }

    private static void WriteFragment(Stream output, ReadOnlySpan<byte> data, bool big)
    {
        var padded = (data.Length & 1) == 1;
        WriteItemTag(output, DicomTags.Item, (uint)(data.Length + (padded ? 1 : 0)), big);
        output.Write(data);
        if (padded)
        {
            output.WriteByte(0);
        }
    }

    private static void WriteHeader(Stream output, DicomTag tag, DicomVR vr, uint length, bool explicitVR, bool big)
    {
        Span<byte> header = stackalloc byte[12];
        WriteUInt16(header, tag.Group, big);
        WriteUInt16(header[2..], tag.Element, big);
        if (!explicitVR)
        {
            WriteUInt32(header[4..], length, big);
            output.Write(header[..8]);
            return;
        }

        header[4] = (byte)((ushort)vr >> 8);
        header[5] = (byte)vr;
        if (DicomVRInfo.HasLongLength(vr))
        {
            header[6] = 0;
            header[7] = 0;
            WriteUInt32(header[8..], length, big);
            output.Write(header);
        }
        else
        {
            WriteUInt16(header[6..], (ushort)length, big);
            output.Write(header[..8]);
        }
    }

    private static void WriteItemTag(Stream output, DicomTag tag, uint length, bool big)
    {
        Span<byte> header = stackalloc byte[8];
        WriteUInt16(header, tag.Group, big);
        WriteUInt16(header[2..], tag.Element, big);
        WriteUInt32(header[4..], length, big);
        output.Write(header);
    }

    private static void WriteUInt16(Span<byte> span, ushort value, bool big)
    {
        if (big)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    private static void WriteUInt32(Span<byte> span, uint value, bool big)
    {
        if (big)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    internal static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
