using System.Buffers.Binary;

namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// Real DICOM files for the de-identification tests: img2dcm wraps a small BMP, dcmodify plants an identifying
/// value in every Table E.1-1 attribute (an item in each sequence) plus whatever the test adds.
/// </summary>
internal static class PlantedDicom
{
    /// <summary>The UID planted in every UI attribute of the table.</summary>
    public const string Uid = "1.2.826.0.1.3680043.99.1";

    /// <summary>Marker in every planted text value.</summary>
    public const string Secret = "SECRET";

    /// <summary>Name planted in every PN attribute.</summary>
    public const string Name = "DOE^JANE";

    /// <summary>Makes <paramref name="name"/> in <paramref name="folder"/>: a 16×16 RGB image with the assignments applied.</summary>
    /// <param name="folder">Where the file goes.</param>
    /// <param name="name">File name.</param>
    /// <param name="wholeTable">Plant every attribute of Table E.1-1 first.</param>
    /// <param name="assignments">dcmodify tag paths and values, e.g. "(0010,0020)=ID1", applied last.</param>
    public static string Create(string folder, string name, bool wholeTable, params string[] assignments)
    {
        var bmp = Path.Combine(folder, name + ".bmp");
        File.WriteAllBytes(bmp, Bitmap());
        var path = Path.Combine(folder, name);
        var (exit, _, stderr) = Tools.Run("img2dcm", "-i", "BMP", bmp, path);
        Assert.True(exit == 0, stderr);
        var args = new List<string> { "-nb", "-ie" };
        foreach (var assignment in (wholeTable ? TableAssignments() : []).Concat(assignments))
        {
            args.Add("-i");
            args.Add(assignment);
        }

        // -ie: dcmtk 3.6.7's dictionary lacks a few 2024 attributes; those are inserted as UN or not at all, and the
        // tests check what was planted by reading the file back.
        Tools.Run("dcmodify", [.. args, path]);
        Assert.True(DicomFile.Open(path).Dataset.Contains(DicomTags.PixelData));
        return path;
    }

    /// <summary>A value of <paramref name="vr"/> that is recognisably planted, or null when dcmodify cannot write one.</summary>
    public static string? ValueFor(string vr) => vr switch
    {
        "DA" => "20240315",
        "TM" => "101500",
        "DT" => "20240315101500",
        "PN" => Name,
        "UI" => Uid,
        "LO" or "LT" or "ST" or "UT" or "UC" => Secret + " TEXT",
        "SH" or "CS" or "AE" => Secret,
        "DS" => "71.5",
        "IS" => "42",
        "AS" => "093Y",
        "US" => "7",
        "UR" => "http://secret.example/x",
        "OB" or "UN" => "01\\02",
        _ => null,
    };

    private static IEnumerable<string> TableAssignments()
    {
        foreach (var entry in BasicProfileTable.Entries)
        {
            if (entry.Mask != 0xFFFFFFFF || entry.Tag >> 16 is 0x0000 or 0x0002 or 0xFFFC)
            {
                continue; // command and meta groups never sit in a dataset; trailing padding cannot be planted
            }

            var tag = DicomTag.FromValue(entry.Tag).ToString();
            if (entry.VR == "SQ" && entry.Tag is 0x00120023 or 0x3006004D or 0x3006004E)
            {
                yield return $"{tag}={Secret}"; // unknown to dcmtk 3.6.7, which cannot open an item in it: planted as a plain value
            }
            else if (entry.VR == "SQ")
            {
                // References keep their items under X/Z/U*: plant a UID there, a code elsewhere.
                yield return entry.Code == "X/Z/U*" ? $"{tag}[0].(0008,1155)={Uid}" : $"{tag}[0].(0008,0100)={Secret}";
            }
            else if (ValueFor(entry.VR) is { } value)
            {
                yield return $"{tag}={value}";
            }
        }
    }

    private static byte[] Bitmap()
    {
        const int w = 16, h = 16;
        var pixels = new byte[w * h * 3];
        for (var i = 0; i < w * h; i++)
        {
            pixels[(i * 3) + 0] = (byte)(i * 7);
            pixels[(i * 3) + 1] = (byte)(i * 3);
            pixels[(i * 3) + 2] = (byte)i;
        }

        var bmp = new byte[54 + pixels.Length];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), w);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), h);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), pixels.Length);
        pixels.CopyTo(bmp, 54);
        return bmp;
    }
}
