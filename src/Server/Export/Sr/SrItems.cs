using System.Buffers.Binary;
using MedicalImaging.Dicom;

namespace MedicalImaging.Server.Export.Sr;

/// <summary>SR content items (PS3.3 C.17.3) as datasets: one small factory per value type.</summary>
internal static class SrItems
{
    public static DicomDataset Code(SrCode code)
    {
        var item = new DicomDataset();
        item.SetString(SrTags.CodeValue, DicomVR.SH, code.Value);
        item.SetString(SrTags.CodingSchemeDesignator, DicomVR.SH, code.Scheme);
        item.SetString(SrTags.CodeMeaning, DicomVR.LO, code.Meaning);
        return item;
    }

    public static DicomElement Sequence(DicomTag tag, params DicomDataset[] items) =>
        new(tag, DicomVR.SQ, ReadOnlyMemory<byte>.Empty) { Items = items };

    public static DicomDataset Container(string? relationship, SrCode concept, IReadOnlyList<DicomDataset> children, string? template = null)
    {
        var item = Item(relationship, "CONTAINER", concept);
        item.SetString(SrTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        if (template is not null)
        {
            var templateItem = new DicomDataset();
            templateItem.SetString(SrTags.MappingResource, DicomVR.CS, "DCMR");
            templateItem.SetString(SrTags.TemplateIdentifier, DicomVR.CS, template);
            item.Set(Sequence(SrTags.ContentTemplateSequence, templateItem));
        }

        if (children.Count > 0)
        {
            item.Set(Sequence(SrTags.ContentSequence, [.. children]));
        }

        return item;
    }

    public static DicomDataset Text(string relationship, SrCode concept, string text)
    {
        var item = Item(relationship, "TEXT", concept);
        item.SetString(SrTags.TextValue, DicomVR.UT, text);
        return item;
    }

    public static DicomDataset CodeItem(string relationship, SrCode concept, SrCode value)
    {
        var item = Item(relationship, "CODE", concept);
        item.Set(Sequence(SrTags.ConceptCodeSequence, Code(value)));
        return item;
    }

    public static DicomDataset UidRef(string relationship, SrCode concept, string uid)
    {
        var item = Item(relationship, "UIDREF", concept);
        item.SetString(SrTags.UidValue, DicomVR.UI, uid);
        return item;
    }

    /// <summary>An IMAGE item (no concept name, as TID 1601 and SELECTED FROM use it).</summary>
    public static DicomDataset Image(string relationship, string sopClassUid, string sopInstanceUid, int? frame)
    {
        var item = new DicomDataset();
        item.SetString(SrTags.RelationshipType, DicomVR.CS, relationship);
        item.SetString(SrTags.ValueType, DicomVR.CS, "IMAGE");
        var reference = new DicomDataset();
        reference.SetString(SrTags.ReferencedSopClassUid, DicomVR.UI, sopClassUid);
        reference.SetString(SrTags.ReferencedSopInstanceUid, DicomVR.UI, sopInstanceUid);
        if (frame is { } number)
        {
            reference.SetString(SrTags.ReferencedFrameNumber, DicomVR.IS, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        item.Set(Sequence(SrTags.ReferencedSopSequence, reference));
        return item;
    }

    /// <summary>A SCOORD POLYLINE (image pixel coordinates, column then row) with its SELECTED FROM image.</summary>
    public static DicomDataset Polyline(string relationship, SrCode concept, IReadOnlyList<(float Column, float Row)> points, DicomDataset selectedFrom)
    {
        var item = Item(relationship, "SCOORD", concept);
        var data = new byte[points.Count * 8];
        for (var i = 0; i < points.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 8), points[i].Column);
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan((i * 8) + 4), points[i].Row);
        }

        item.Set(new DicomElement(SrTags.GraphicData, DicomVR.FL, data));
        item.SetString(SrTags.GraphicType, DicomVR.CS, "POLYLINE");
        item.Set(Sequence(SrTags.ContentSequence, selectedFrom));
        return item;
    }

    private static DicomDataset Item(string? relationship, string valueType, SrCode concept)
    {
        var item = new DicomDataset();
        if (relationship is not null)
        {
            item.SetString(SrTags.RelationshipType, DicomVR.CS, relationship); // the root item has none
        }

        item.SetString(SrTags.ValueType, DicomVR.CS, valueType);
        item.Set(Sequence(SrTags.ConceptNameCodeSequence, Code(concept)));
        return item;
    }
}
