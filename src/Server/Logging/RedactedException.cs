namespace MedicalImaging.Server.Logging;

/// <summary>
/// Stands in for a logged exception whose text held a secret (a token echoed in a message): providers print
/// <see cref="ToString"/>, which is the original's full text (type, message, inner exceptions, stack) masked.
/// </summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;

    private RedactedException(Exception original, string text)
        : base(SecretRedactor.Redact(original.Message))
    {
        _text = text;
        HResult = original.HResult;
    }

    public RedactedException()
    {
        _text = string.Empty;
    }

    public RedactedException(string message)
        : base(message)
    {
        _text = message;
    }

    public RedactedException(string message, Exception innerException)
        : base(message, innerException)
    {
        _text = message;
    }

    /// <summary>The exception itself when its text is clean, else a masked stand-in.</summary>
    public static Exception? From(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var text = exception.ToString();
        var masked = SecretRedactor.Redact(text);
        return ReferenceEquals(masked, text) ? exception : new RedactedException(exception, masked);
    }

    public override string ToString() => _text;
}
