using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Tests.Support;

/// <summary>
/// Records every log entry of a server at every level as a provider would write it: category, message, each
/// state value, each scope value and the exception's full text, so a test can search the whole log.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Everything logged so far, one entry a line.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>Entries logged so far.</summary>
    public int Count => _lines.Count;

    public ILogger CreateLogger(string categoryName) => new Writer(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Writer(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            capture._scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" | scope ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        builder.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
            }, line);
            if (exception is not null)
            {
                line.Append(" | exception ").Append(exception);
            }

            capture._lines.Enqueue(line.ToString());
        }
    }
}
