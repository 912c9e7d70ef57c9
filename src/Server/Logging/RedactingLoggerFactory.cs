using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Logging;

/// <summary>
/// The one place secrets are taken out of logs: wraps the application's <see cref="ILoggerFactory"/> so every
/// logger, whoever created it (ASP.NET Core hosting, Kestrel, JWT bearer, gRPC, ours) and whichever providers
/// write the entry (JSON console, a test's collector), passes its message, state values, scopes and exception
/// text through <see cref="SecretRedactor"/> first. Filters and providers stay the inner factory's.
/// </summary>
public sealed class RedactingLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;

    public RedactingLoggerFactory(ILoggerFactory inner) => _inner = inner;

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();
}
