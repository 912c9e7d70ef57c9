using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>How every options class of the service is bound: one rule, so a host that mounts the service sees one behaviour.</summary>
public static class SettingsBinding
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> with <c>BindConfiguration</c> to the application's <see cref="IConfiguration"/>:
    /// its root when <paramref name="configuration"/> is the application's configuration (the flat environment-variable
    /// names of the README, through <c>[ConfigurationKeyName]</c>), or the section a host passed to
    /// <c>AddMedicalImaging(builder.Configuration.GetSection("MedicalImaging"))</c>. Bound when first read, so
    /// configuration added after <c>AddMedicalImaging</c> (a test's overrides) still applies, and reloads are seen.
    /// </summary>
    /// <remarks>A bad value (not a number, out of range) fails <c>ValidateOnStart</c> with a message naming the variable.</remarks>
    public static OptionsBuilder<TOptions> BindSettings<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration configuration)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.BindConfiguration(configuration is IConfigurationSection section ? section.Path : string.Empty).ValidateOnStart();
    }
}
