using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Audit;

/// <summary>Refuses a short HMAC key or an empty admin role at start, naming the variable.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.HmacKey) && options.HmacKey.Length < MinimumKeyLength)
        {
            failures.Add($"AUDIT_HMAC_KEY must be at least {MinimumKeyLength} characters (it has {options.HmacKey.Length}); e.g. `openssl rand -hex 32`.");
        }

        if (string.IsNullOrWhiteSpace(options.AdminRole))
        {
            failures.Add("AUDIT_ADMIN_ROLE must not be empty (default medimaging-audit).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
