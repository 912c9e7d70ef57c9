using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Configuration;

/// <summary>Fails start-up with a message naming the bad setting.</summary>
public sealed class MedicalImagingOptionsValidator : IValidateOptions<MedicalImagingOptions>
{
    private readonly IOptions<Neo4jOptions> _neo4j;
    private readonly IOptions<EmbeddingOptions> _embedding;

    public MedicalImagingOptionsValidator(IOptions<Neo4jOptions> neo4j, IOptions<EmbeddingOptions> embedding)
    {
        _neo4j = neo4j;
        _embedding = embedding;
    }

    public ValidateOptionsResult Validate(string? name, MedicalImagingOptions options)
    {
        var errors = new List<string>();
        if (options.GrpcPort is < 0 or > 65535) { errors.Add($"MEDICAL_IMAGING_PORT={options.GrpcPort} is not a port."); }
        if (options.HttpPort is < 0 or > 65535) { errors.Add($"MEDICAL_IMAGING_HTTP_PORT={options.HttpPort} is not a port."); }
        if (options.GrpcPort == options.HttpPort && options.GrpcPort != 0) { errors.Add("MEDICAL_IMAGING_PORT and MEDICAL_IMAGING_HTTP_PORT must differ (gRPC h2c and HTTP/1.1 cannot share a cleartext port)."); }
        if (options.MaxImageSizeMb is < 1 or > 2048) { errors.Add($"MAX_IMAGE_SIZE_MB={options.MaxImageSizeMb} must be 1..2048."); }
        if (options.MaxImagesPerRequest is < 1 or > 100) { errors.Add($"MAX_IMAGES_PER_REQUEST={options.MaxImagesPerRequest} must be 1..100."); }
        if (options.MaxImageMegapixels is < 1 or > 1000) { errors.Add($"MAX_IMAGE_MEGAPIXELS={options.MaxImageMegapixels} must be 1..1000."); }
        if (options.CacheTtlMinutes < 0) { errors.Add($"CACHE_TTL_MINUTES={options.CacheTtlMinutes} must be ≥ 0."); }
        if (options.RateLimitRequestsPerMinute < 1) { errors.Add($"RATE_LIMIT_REQUESTS_PER_MINUTE={options.RateLimitRequestsPerMinute} must be ≥ 1."); }
        if (options.MaxRetries is < 0 or > 10) { errors.Add($"MAX_RETRIES={options.MaxRetries} must be 0..10."); }
        if (!string.IsNullOrEmpty(options.GrpcReflection) && !bool.TryParse(options.GrpcReflection, out _)) { errors.Add($"GRPC_REFLECTION={options.GrpcReflection} must be true or false (unset: on only when bound to loopback)."); }
        if (!BurnedInTextModes.TryParse(options.RedactBurnedInText, out _)) { errors.Add($"REDACT_BURNED_IN_TEXT={options.RedactBurnedInText} must be auto, always or never."); }
        if (options.StorageProvider is not ("sqlite" or "neo4j"))
        {
            errors.Add($"STORAGE_PROVIDER={options.StorageProvider} is not supported; use sqlite or neo4j.");
        }

        if (options.StorageProvider == "neo4j")
        {
            var uri = _neo4j.Value.Uri;
            if (string.IsNullOrWhiteSpace(uri))
            {
                errors.Add("STORAGE_PROVIDER=neo4j needs NEO4J_URI, e.g. http://neo4j:7474.");
            }
            else if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                errors.Add($"NEO4J_URI={uri} is not supported: this server speaks Neo4j's HTTP API. Use the HTTP form, e.g. http://{(parsed?.Host is { Length: > 0 } host ? host : "neo4j")}:7474.");
            }

            var neo4j = _neo4j.Value;
            if (neo4j.TimeoutSeconds is < 1 or > 600) { errors.Add($"NEO4J_TIMEOUT_SECONDS={neo4j.TimeoutSeconds} must be 1..600."); }
            if (neo4j.AttemptTimeoutSeconds < 0.5 || neo4j.AttemptTimeoutSeconds > neo4j.TimeoutSeconds) { errors.Add($"NEO4J_ATTEMPT_TIMEOUT_SECONDS={neo4j.AttemptTimeoutSeconds} must be 0.5..NEO4J_TIMEOUT_SECONDS ({neo4j.TimeoutSeconds})."); }
            if (neo4j.MaxRetries is < 0 or > 10) { errors.Add($"NEO4J_MAX_RETRIES={neo4j.MaxRetries} must be 0..10."); }
            if (neo4j.OutboxRetryMaxSeconds is < 1 or > 3600) { errors.Add($"OUTBOX_RETRY_MAX_SECONDS={neo4j.OutboxRetryMaxSeconds} must be 1..3600."); }
        }

        ValidateEmbedding(_embedding.Value, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateEmbedding(EmbeddingOptions embedding, List<string> errors)
    {
        if (embedding.DimensionSetting is < 16 or > 4096) { errors.Add($"EMBEDDING_DIMENSION={embedding.DimensionSetting} must be 16..4096."); }
        switch (embedding.Provider)
        {
            case "hashing":
                break;
            case "glove" when string.IsNullOrWhiteSpace(embedding.GlovePath):
                errors.Add("EMBEDDING_PROVIDER=glove needs GLOVE_PATH, a GloVe text file such as glove.6B.100d.txt.");
                break;
            case "glove" when !File.Exists(embedding.GlovePath):
                errors.Add($"GLOVE_PATH={embedding.GlovePath}: no such file.");
                break;
            case "glove":
                break;
            case "openai" when string.IsNullOrWhiteSpace(embedding.ApiKey):
                errors.Add("EMBEDDING_PROVIDER=openai needs EMBEDDING_API_KEY.");
                break;
            case "openai" when !Uri.TryCreate(embedding.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"):
                errors.Add($"EMBEDDING_BASE_URL={embedding.BaseUrl} is not an http(s) URL.");
                break;
            case "openai":
                break;
            default:
                errors.Add($"EMBEDDING_PROVIDER={embedding.Provider} is not supported; use hashing, glove or openai.");
                break;
        }
    }
}
