namespace MedicalImaging.Server.Configuration;

/// <summary>Reads REDACT_BURNED_IN_TEXT.</summary>
public static class BurnedInTextModes
{
    /// <summary>auto, always or never (any case); null or empty = auto.</summary>
    public static bool TryParse(string? value, out BurnedInTextMode mode)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                mode = BurnedInTextMode.Auto;
                return true;
            case "always":
                mode = BurnedInTextMode.Always;
                return true;
            case "never":
                mode = BurnedInTextMode.Never;
                return true;
            default:
                mode = BurnedInTextMode.Auto;
                return false;
        }
    }

    /// <summary>Parses a value the options validator has accepted.</summary>
    public static BurnedInTextMode Parse(string? value) =>
        TryParse(value, out var mode) ? mode : throw new ArgumentException($"REDACT_BURNED_IN_TEXT={value} is not auto, always or never.", nameof(value));
}
