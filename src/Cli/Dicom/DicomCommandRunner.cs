using MedicalImaging.Dicom;
using MedicalImaging.Imaging;

namespace MedicalImaging.Cli.Dicom;

/// <summary>Runs a command body, mapping failures to stderr and the documented exit codes.</summary>
internal static class DicomCommandRunner
{
    public static int Run(DicomConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is DicomFormatException or ImageDecodeException or NotSupportedException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return DicomExitCodes.BadInput;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return DicomExitCodes.Usage;
        }
    }
}
