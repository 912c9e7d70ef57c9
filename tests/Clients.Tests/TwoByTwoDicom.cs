using MedicalImaging.Tests.Support;

namespace MedicalImaging.Clients.Tests;

/// <summary>A 2×2 RGB DICOM file made by dcmtk's img2dcm from a 24-bit BMP: the input of the CLI's DICOM tests.</summary>
internal static class TwoByTwoDicom
{
    /// <summary>Writes the file and answers its path.</summary>
    /// <param name="folder">Where it goes (the BMP it is made from is removed).</param>
    /// <param name="name">The file's name.</param>
    /// <param name="rows">The BMP's two rows of 6 bytes (BGR, bottom row first); null for black.</param>
    public static string Write(string folder, string name, byte[][]? rows = null)
    {
        var bmp = new byte[54 + 16];
        "BM"u8.CopyTo(bmp);
        BitConverter.GetBytes(bmp.Length).CopyTo(bmp, 2);
        BitConverter.GetBytes(54).CopyTo(bmp, 10);
        BitConverter.GetBytes(40).CopyTo(bmp, 14);
        BitConverter.GetBytes(2).CopyTo(bmp, 18);
        BitConverter.GetBytes(2).CopyTo(bmp, 22);
        BitConverter.GetBytes((short)1).CopyTo(bmp, 26);
        BitConverter.GetBytes((short)24).CopyTo(bmp, 28);
        if (rows is not null)
        {
            rows[0].CopyTo(bmp, 54);
            rows[1].CopyTo(bmp, 54 + 8); // rows are padded to 4 bytes
        }

        var bmpPath = Path.Combine(folder, name + ".bmp.tmp");
        File.WriteAllBytes(bmpPath, bmp);
        var path = Path.Combine(folder, name);
        ExternalTool.Run("img2dcm", "-i", "BMP", bmpPath, path);
        File.Delete(bmpPath);
        return path;
    }
}
