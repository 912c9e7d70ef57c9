using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Configuration;

/// <summary>
/// Server settings, bound from environment variables of the same names (the names users of the
/// original service set). Defaults are stated on each property.
/// </summary>
public sealed class MedicalImagingOptions
{
    /// <summary>gRPC (HTTP/2 cleartext) port. Default 8001.</summary>
    [ConfigurationKeyName("MEDICAL_IMAGING_PORT")]
    public int GrpcPort { get; set; } = 8001;

    /// <summary>REST (JSON transcoding) and WebSocket port, HTTP/1.1. Default 8000.</summary>
    [ConfigurationKeyName("MEDICAL_IMAGING_HTTP_PORT")]
    public int HttpPort { get; set; } = 8000;

    /// <summary>Address both ports bind to. Default 0.0.0.0 (all interfaces).</summary>
    [ConfigurationKeyName("MEDICAL_IMAGING_BIND_ADDRESS")]
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Data directory (SQLite database, images, signing key). Default ~/.local/share/medimaging.</summary>
    [ConfigurationKeyName("MEDICAL_IMAGING_DATA_DIR")]
    public string? DataDirectory { get; set; }

    /// <summary>Largest accepted image file in MB. Default 50.</summary>
    [ConfigurationKeyName("MAX_IMAGE_SIZE_MB")]
    public int MaxImageSizeMb { get; set; } = 50;

    /// <summary>Largest accepted decoded image in megapixels (per frame). Default 100.</summary>
    [ConfigurationKeyName("MAX_IMAGE_MEGAPIXELS")]
    public int MaxImageMegapixels { get; set; } = 100;

    /// <summary>Images one analysis may carry. Default 10.</summary>
    [ConfigurationKeyName("MAX_IMAGES_PER_REQUEST")]
    public int MaxImagesPerRequest { get; set; } = 10;

    /// <summary>Minutes an identical analysis is answered from the cache. Default 30; 0 disables.</summary>
    [ConfigurationKeyName("CACHE_TTL_MINUTES")]
    public int CacheTtlMinutes { get; set; } = 30;

    /// <summary>Costly calls (analyze, upload, chat) one user may make a minute. Default 20.</summary>
    [ConfigurationKeyName("RATE_LIMIT_REQUESTS_PER_MINUTE")]
    public int RateLimitRequestsPerMinute { get; set; } = 20;

    /// <summary>Retries per provider call on transient errors. Default 3.</summary>
    [ConfigurationKeyName("MAX_RETRIES")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Seconds an idle WebSocket stays open. Default 300.</summary>
    [ConfigurationKeyName("WEBSOCKET_TIMEOUT")]
    public int WebSocketTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// gRPC server reflection: true or false. Default (unset): on only when MEDICAL_IMAGING_BIND_ADDRESS is a
    /// loopback address, since reflection hands anyone who can connect the whole API surface.
    /// </summary>
    [ConfigurationKeyName("GRPC_REFLECTION")]
    public string? GrpcReflection { get; set; }

    /// <summary>Report store: sqlite (default) or neo4j.</summary>
    [ConfigurationKeyName("STORAGE_PROVIDER")]
    public string StorageProvider { get; set; } = "sqlite";

    /// <summary>
    /// When pixels bound for an AI provider are read for burned-in text and the text blanked: auto (default:
    /// US, SC, XA, ES, OT, PNG/JPEG, and DICOM flagged YES or not flagged), always, or never.
    /// </summary>
    [ConfigurationKeyName("REDACT_BURNED_IN_TEXT")]
    public string RedactBurnedInText { get; set; } = "auto";

    /// <summary>The data directory as a full path.</summary>
    public string ResolvedDataDirectory => MedicalImaging.Auth.DataDirectory.Resolve(DataDirectory);

    /// <summary>Largest accepted image in bytes.</summary>
    public long MaxImageBytes => MaxImageSizeMb * 1024L * 1024L;
}
