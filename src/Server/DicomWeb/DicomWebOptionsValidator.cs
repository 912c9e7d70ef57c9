using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Refuses to start on a DICOMweb limit that is not a positive number, naming the variable.</summary>
public sealed class DicomWebOptionsValidator : IValidateOptions<DicomWebOptions>
{
    public ValidateOptionsResult Validate(string? name, DicomWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxRequestMb <= 0)
        {
            errors.Add($"DICOMWEB_MAX_REQUEST_MB must be a positive number of MB (got {options.MaxRequestMb}).");
        }

        if (options.MaxInstancesPerRequest <= 0)
        {
            errors.Add($"DICOMWEB_MAX_INSTANCES_PER_REQUEST must be positive (got {options.MaxInstancesPerRequest}).");
        }

        if (options.MaxQueryResults <= 0)
        {
            errors.Add($"DICOMWEB_MAX_QUERY_RESULTS must be positive (got {options.MaxQueryResults}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
