using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Privacy;

/// <summary>
/// A real DICOM file carrying a patient's identity: dcmtk's img2dcm wraps a chest phantom JPEG, dcmodify plants the
/// attributes. Each attribute is given as (tag, value), e.g. ("0010,0010", "DOE^JANE").
/// </summary>
internal static class PatientDicom
{
    public static byte[] Make(params (string Tag, string Value)[] attributes)
    {
        var directory = Directory.CreateTempSubdirectory("medimg-egress-").FullName;
        try
        {
            var jpeg = Path.Combine(directory, "in.jpg");
            var dcm = Path.Combine(directory, "out.dcm");
            File.WriteAllBytes(jpeg, TestImages.ChestPhantomJpeg(128));
            Run("img2dcm", jpeg, dcm);
            var args = new List<string> { "-nb" };
            foreach (var (tag, value) in attributes)
            {
                args.Add("-i");
                args.Add($"({tag})={value}");
            }

            args.Add(dcm);
            Run("dcmodify", [.. args]);
            return File.ReadAllBytes(dcm);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Run(string tool, params string[] args) => ExternalTool.Run(tool, args);
}
