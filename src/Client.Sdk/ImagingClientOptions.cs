using System.Security.Cryptography.X509Certificates;

namespace MedicalImaging.Client;

/// <summary>How an <see cref="ImagingClient"/> reaches the service.</summary>
public sealed class ImagingClientOptions
{
    /// <summary>The gRPC address, e.g. http://127.0.0.1:8001 (h2c) or https://imaging.example:8001 (TLS). Default http://127.0.0.1:8001.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:8001");

    /// <summary>
    /// PEM file of the CA certificate(s) that issued the server's certificate, trusted instead of the system store
    /// (a hospital's private CA). Default none: the system trust store.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The same as <see cref="CaCertificatePath"/>, already loaded; wins over it. Default none.</summary>
    public X509Certificate2Collection? CaCertificates { get; set; }

    /// <summary>A fixed bearer token. Ignored when <see cref="TokenProvider"/> is set. Default none.</summary>
    public string? Token { get; set; }

    /// <summary>Called before every call for the bearer token (refresh it here). Default none.</summary>
    public Func<CancellationToken, ValueTask<string?>>? TokenProvider { get; set; }

    /// <summary>Images larger than this are uploaded in chunks first and sent by id. Default 1 MiB.</summary>
    public int InlineThresholdBytes { get; set; } = 1024 * 1024;

    /// <summary>Size of one upload chunk. Default 1 MiB.</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>Deadline of unary calls. Default 60 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Deadline of a streaming call: an analysis (each Analyze or WatchAnalysis stream), an upload, a chat turn.
    /// Default 10 minutes.
    /// </summary>
    public TimeSpan StreamTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The old name of <see cref="StreamTimeout"/>, which it reads and writes: it was never only the analysis's.</summary>
    [Obsolete("Use StreamTimeout: the deadline also applies to uploads and chat.")]
    public TimeSpan AnalysisTimeout
    {
        get => StreamTimeout;
        set => StreamTimeout = value;
    }

    /// <summary>
    /// How long AnalyzeAsync and WatchAnalysisAsync keep re-attaching to an analysis while the server answers
    /// UNAVAILABLE (stopping for a deploy, restarting, unreachable), before they give up with that error. The
    /// analysis runs on in the server meanwhile. Default 2 minutes; zero turns re-attaching off.
    /// </summary>
    public TimeSpan ReattachTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
