namespace MedicalImaging.Cli.Dicom;

/// <summary>Where the DICOM commands write: data to <see cref="Out"/>, human text and errors to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record DicomConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>The process's console.</summary>
    public static DicomConsole Standard => new(Console.Out, Console.Error);
}
