using System.CommandLine;
using MedicalImaging.Cli.Output;
using MedicalImaging.Dicom;

namespace MedicalImaging.Cli.Commands.Dicom;

/// <summary>
/// `dicom deidentify IN OUT [options]`: PS3.15 Basic Profile (whole Table E.1-1) and options, one file or a folder
/// of files (mirrored into OUT). UIDs, the Patient ID pseudonym and date offsets come from one key, so files
/// de-identified in separate runs with the same key still fit together.
/// </summary>
internal sealed class DicomDeidentifyCommand : CliCommand
{
    /// <summary>Environment variable holding the de-identification key (preferred over --key: not in the process list).</summary>
    public const string KeyVariable = "MEDIMG_DEID_KEY";

    private readonly Argument<FileSystemInfo> _input = new("input") { Description = "DICOM file, or a folder of them (searched recursively)." };
    private readonly Argument<FileSystemInfo> _output = new("output") { Description = "Output file, or folder when the input is a folder." };
    private readonly Option<string?> _key = new("--key")
    {
        Description = $"Secret (at least {DeidentificationKey.MinimumLength} bytes) for UID remapping, date offsets and the Patient ID pseudonym. Default: ${KeyVariable}, else a random per-installation key in {DeidentificationKey.DefaultPath}.",
    };

    private readonly Option<bool> _dates = new("--retain-modified-dates") { Description = "Retain Longitudinal Temporal Information with Modified Dates: shift every date and time of a patient by the same keyed offset (weeks back, plus seconds)." };
    private readonly Option<bool> _descriptors = new("--clean-descriptors") { Description = "Clean Descriptors: keep descriptions and comments made only of radiology terms; remove the rest." };
    private readonly Option<bool> _characteristics = new("--retain-patient-characteristics") { Description = "Retain Patient Characteristics: keep sex, age, size, weight, smoking and pregnancy status." };
    private readonly Option<bool> _device = new("--retain-device-identity") { Description = "Retain Device Identity: keep station names, serial numbers, detector IDs." };
    private readonly Option<bool> _institution = new("--retain-institution-identity") { Description = "Retain Institution Identity: keep institution name, address and department." };
    private readonly Option<bool> _checkedText = new("--burned-in-text-checked")
    {
        Description = "The pixels were checked for burned-in text (and cleaned): set Patient Identity Removed = YES whatever the header says.",
    };

    public DicomDeidentifyCommand(ICliOutput output)
        : base("deidentify", "De-identify per PS3.15 Basic Application Level Confidentiality Profile (Table E.1-1) with options.", output)
    {
        Arguments.Add(_input);
        Arguments.Add(_output);
        foreach (var option in new Option[] { _key, _dates, _descriptors, _characteristics, _device, _institution, _checkedText })
        {
            Options.Add(option);
        }
    }

    protected override Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var input = parse.GetValue(_input)!;
        var output = parse.GetValue(_output)!;
        var keyOption = parse.GetValue(_key);
        var secret = keyOption ?? Environment.GetEnvironmentVariable(KeyVariable);
        byte[] key;
        if (!string.IsNullOrEmpty(secret))
        {
            if (System.Text.Encoding.UTF8.GetByteCount(secret) < DeidentificationKey.MinimumLength)
            {
                Output.Error($"the de-identification key ({(keyOption is null ? KeyVariable : "--key")}) must be at least {DeidentificationKey.MinimumLength} bytes");
                return Task.FromResult(ExitCodes.Usage);
            }

            key = DeidentificationKey.FromSecret(secret);
        }
        else
        {
            var path = DeidentificationKey.DefaultPath;
            (key, var created) = DeidentificationKey.LoadOrCreate(path);
            Output.Info(created
                ? $"created a random per-installation de-identification key in {path} (mode 0600); keep it to de-identify later files consistently"
                : $"using the per-installation de-identification key in {path}");
        }

        var deidentifier = new DicomDeidentifier(new DeidentificationOptions
        {
            Key = key,
            RetainLongitudinalModifiedDates = parse.GetValue(_dates),
            CleanDescriptors = parse.GetValue(_descriptors),
            RetainPatientCharacteristics = parse.GetValue(_characteristics),
            RetainDeviceIdentity = parse.GetValue(_device),
            RetainInstitutionIdentity = parse.GetValue(_institution),
            BurnedInTextChecked = parse.GetValue(_checkedText),
        });
        if (Directory.Exists(input.FullName))
        {
            return Task.FromResult(DeidentifyFolder(deidentifier, input.FullName, output.FullName));
        }

        DeidentifyFile(deidentifier, input.FullName, output.FullName);
        return Task.FromResult(ExitCodes.Ok);
    }

    private int DeidentifyFolder(DicomDeidentifier deidentifier, string input, string output)
    {
        var exit = ExitCodes.Ok;
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
                    Output.Info($"skipped {path}: not DICOM");
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                DeidentifyFile(deidentifier, path, target);
                written++;
            }
            catch (DicomFormatException ex)
            {
                Output.Error($"{path}: {ex.Message}");
                exit = ExitCodes.InvalidInput;
            }
        }

        Output.Info($"de-identified {written} file(s) into {output}");
        return exit;
    }

    private void DeidentifyFile(DicomDeidentifier deidentifier, string input, string output)
    {
        var file = DicomFile.Open(input);
        var result = deidentifier.Deidentify(file);
        DicomWriter.Write(file, output);
        Output.Info($"wrote de-identified {output} (Patient Identity Removed: {(result.PatientIdentityRemoved ? "YES" : "NO")})");
        if (!result.PatientIdentityRemoved)
        {
            Output.Info($"warning: {output}: Patient Identity Removed = NO because {result.NotRemovedReason}. "
                + "Check the pixels for burned-in names, dates and IDs (and blank them), then run again with --burned-in-text-checked.");
        }
    }
}
