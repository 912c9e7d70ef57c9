namespace MedicalImaging.Tests.Support.Tls;

/// <summary>
/// A test class with a fresh <see cref="TlsRunningServer"/> for each test. A derived class declares xunit's
/// <c>IAsyncLifetime</c>, which these two public methods implement (this project does not reference xunit).
/// </summary>
public abstract class TlsServerTestBase
{
    private TlsRunningServer? _tls;

    /// <summary>The PEM files (CA, chain, key) and trusting handlers of the running server.</summary>
    protected TestCertificates Certificates => Started.Certificates;

    /// <summary>The server, at https:// addresses.</summary>
    protected RunningServer Server => Started.Server;

    private TlsRunningServer Started => _tls ?? throw new InvalidOperationException("The TLS server starts in InitializeAsync.");

    public async Task InitializeAsync() => _tls = await TlsRunningServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_tls is not null)
        {
            await _tls.DisposeAsync();
        }
    }
}
