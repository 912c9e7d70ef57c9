namespace MedicalImaging.Server.Configuration;

/// <summary>REDACT_BURNED_IN_TEXT: when outbound pixels are checked for burned-in text.</summary>
public enum BurnedInTextMode
{
    /// <summary>Images that may carry text (see <c>Redaction.BurnedInTextPolicy</c>); the default.</summary>
    Auto,

    /// <summary>Every image that leaves the process.</summary>
    Always,

    /// <summary>None: pixels leave as preprocessed (for sites whose images are known to be clean).</summary>
    Never,
}
