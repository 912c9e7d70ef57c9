using System.CommandLine;
using MedicalImaging.Dicom;

namespace MedicalImaging.Cli.Dicom;

/// <summary>
/// `dicom deidentify IN OUT [options]`: PS3.15 Basic Profile (whole Table E.1-1) and options, one file or a folder
/// of files (mirrored into OUT). UIDs, the Patient ID pseudonym and date offsets come from one key, so files
/// de-identified in separate runs with the same key still fit together.
/// </summary>
internal static class DicomDeidentifyCommand
{
    /// <summary>Environment variable holding the de-identification key (preferred over --key: not in the process list).</summary>
    public const string KeyVariable = "MEDIMG_DEID_KEY";

    public static Command Create(DicomConsole console)
    {
        var input = new Argument<FileSystemInfo>("input") { Description = "DICOM file, or a folder of them (searched recursively)." };
        var output = new Argument<FileSystemInfo>("output") { Description = "Output file, or folder when the input is a folder." };
        var key = new Option<string?>("--key")
        {
            Description = $"Secret (at least {DeidentificationKey.MinimumLength} bytes) for UID remapping, date offsets and the Patient ID pseudonym. Default: ${KeyVariable}, else a random per-installation key in {DeidentificationKey.DefaultPath}.",
        };
        var dates = new Option<bool>("--retain-modified-dates") { Description = "Retain Longitudinal Temporal Information with Modified Dates: shift every date and time of a patient by the same keyed offset (weeks back, plus seconds)." };
        var descriptors = new Option<bool>("--clean-descriptors") { Description = "Clean Descriptors: keep descriptions and comments made only of radiology terms; remove the rest." };
        var characteristics = new Option<bool>("--retain-patient-characteristics") { Description = "Retain Patient Characteristics: keep sex, age, size, weight, smoking and pregnancy status." };
        var device = new Option<bool>("--retain-device-identity") { Description = "Retain Device Identity: keep station names, serial numbers, detector IDs." };
        var institution = new Option<bool>("--retain-institution-identity") { Description = "Retain Institution Identity: keep institution name, address and department." };
        var checkedText = new Option<bool>("--burned-in-text-checked")
        {
            Description = "The pixels were checked for burned-in text (and cleaned): set Patient Identity Removed = YES whatever the header says.",
        };
        var command = new Command("deidentify", "De-identify per PS3.15 Basic Application Level Confidentiality Profile (Table E.1-1) with options.")
        {
            input, output, key, dates, descriptors, characteristics, device, institution, checkedText,
        };
        command.SetAction(parse => Execute(
            console,
            parse.GetValue(input)!,
            parse.GetValue(output)!,
            parse.GetValue(key),
            options => options with
            {
                RetainLongitudinalModifiedDates = parse.GetValue(dates),
                CleanDescriptors = parse.GetValue(descriptors),
                RetainPatientCharacteristics = parse.GetValue(characteristics),
                RetainDeviceIdentity = parse.GetValue(device),
                RetainInstitutionIdentity = parse.GetValue(institution),
                BurnedInTextChecked = parse.GetValue(checkedText),
            }));
        return command;
    }

    public static int Execute(DicomConsole console, FileSystemInfo input, FileSystemInfo output, string? keyOption, Func<DeidentificationOptions, DeidentificationOptions> configure) =>
        DicomCommandRunner.Run(console, () =>
        {
            var secret = keyOption ?? Environment.GetEnvironmentVariable(KeyVariable);
            byte[] key;
            if (!string.IsNullOrEmpty(secret))
            {
                if (System.Text.Encoding.UTF8.GetByteCount(secret) < DeidentificationKey.MinimumLength)
                {
                    console.Error.WriteLine($"error: the de-identification key ({(keyOption is null ? KeyVariable : "--key")}) must be at least {DeidentificationKey.MinimumLength} bytes");
                    return DicomExitCodes.Usage;
                }

                key = DeidentificationKey.FromSecret(secret);
            }
            else
            {
                var path = DeidentificationKey.DefaultPath;
                (key, var created) = DeidentificationKey.LoadOrCreate(path);
                console.Error.WriteLine(created
                    ? $"created a random per-installation de-identification key in {path} (mode 0600); keep it to de-identify later files consistently"
                    : $"using the per-installation de-identification key in {path}");
            }

            var deidentifier = new DicomDeidentifier(configure(new DeidentificationOptions { Key = key }));
            if (Directory.Exists(input.FullName))
            {
                return DeidentifyFolder(console, deidentifier, input.FullName, output.FullName);
            }

            DeidentifyFile(console, deidentifier, input.FullName, output.FullName);
            return DicomExitCodes.Ok;
        });

    private static int DeidentifyFolder(DicomConsole console, DicomDeidentifier deidentifier, string input, string output)
    {
        var exit = DicomExitCodes.Ok;
        var written = 0;
        var header = new byte[256];
        foreach (var path in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(output, Path.GetRelativePath(input, path));
            try
            {
                int read;
                using (var stream = File.OpenRead(path))
                {
                    read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
                }

                if (!DicomFile.LooksLikeDicom(header.AsSpan(0, read)))
                {
                    console.Error.WriteLine($"skipped {path}: not DICOM");
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                DeidentifyFile(console, deidentifier, path, target);
                written++;
            }
            catch (DicomFormatException ex)
            {
                console.Error.WriteLine($"error: {path}: {ex.Message}");
                exit = DicomExitCodes.BadInput;
            }
        }

        console.Error.WriteLine($"de-identified {written} file(s) into {output}");
        return exit;
    }

    private static void DeidentifyFile(DicomConsole console, DicomDeidentifier deidentifier, string input, string output)
    {
        var file = DicomFile.Open(input);
        var result = deidentifier.Deidentify(file);
        DicomWriter.Write(file, output);
        console.Error.WriteLine($"wrote de-identified {output} (Patient Identity Removed: {(result.PatientIdentityRemoved ? "YES" : "NO")})");
        if (!result.PatientIdentityRemoved)
        {
            console.Error.WriteLine($"warning: {output}: Patient Identity Removed = NO because {result.NotRemovedReason}. "
                + "Check the pixels for burned-in names, dates and IDs (and blank them), then run again with --burned-in-text-checked.");
        }
    }
}
