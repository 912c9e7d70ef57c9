using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>Fails start-up on PubMed settings NCBI would not accept, naming the variable.</summary>
public sealed class PubMedOptionsValidator : IValidateOptions<ProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderOptions options)
    {
        var errors = new List<string>();
        // NCBI: tool is "a string with no internal spaces"; email "a string with no internal spaces" that is a valid address.
        if (string.IsNullOrWhiteSpace(options.PubMedTool) || options.PubMedTool.Any(char.IsWhiteSpace))
        {
            errors.Add($"PUBMED_TOOL='{options.PubMedTool}' must be a name without spaces (NCBI's `tool` parameter), e.g. medimaging.");
        }

        if (options.PubMedEmail is { Length: > 0 } email && (email.Any(char.IsWhiteSpace) || email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.EndsWith('@')))
        {
            errors.Add($"PUBMED_EMAIL='{email}' is not an e-mail address (NCBI's `email` parameter: the operator's contact).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
