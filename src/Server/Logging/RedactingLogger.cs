using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Logging;

/// <summary>A logger whose entries and scopes reach the inner logger with secrets masked (<see cref="SecretRedactor"/>).</summary>
internal sealed class RedactingLogger : ILogger
{
    private readonly ILogger _inner;

    public RedactingLogger(ILogger inner) => _inner = inner;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        RedactedLogState.TryRedact(state, out var redacted) && redacted is not null ? _inner.BeginScope(redacted) : _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var maskedMessage = SecretRedactor.Redact(message);
        var maskedException = RedactedException.From(exception);
        var stateChanged = RedactedLogState.TryRedact(state, out var maskedState);
        if (!stateChanged && ReferenceEquals(maskedMessage, message) && ReferenceEquals(maskedException, exception))
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        var entry = new RedactedLogState(maskedState as IReadOnlyList<KeyValuePair<string, object?>> ?? [], maskedMessage);
        _inner.Log(logLevel, eventId, entry, maskedException, static (s, _) => s.ToString());
    }
}
