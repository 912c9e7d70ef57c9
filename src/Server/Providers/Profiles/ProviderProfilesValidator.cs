using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>Loads the provider profiles at start (ValidateOnStart): a bad PROVIDER_PROFILES_PATH file stops the server with the loader's message.</summary>
public sealed class ProviderProfilesValidator : IValidateOptions<ProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderOptions options)
    {
        try
        {
            ProviderProfileSet.Load(options.ProviderProfilesPath);
            return ValidateOptionsResult.Success;
        }
        catch (ProviderProfileException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
