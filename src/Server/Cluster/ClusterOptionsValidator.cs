using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// Fails start-up with a message naming the bad cluster setting. In nats mode the report store must be one
/// every replica shares (Neo4j): SQLite is a file of one process, and replicas on it would each see their own reports.
/// </summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    private static readonly string[] Schemes = ["nats", "tls", "ws", "wss"];
    private readonly IOptions<MedicalImagingOptions> _server;

    public ClusterOptionsValidator(IOptions<MedicalImagingOptions> server) => _server = server;

    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new List<string>();
        if (options.Mode is not ("none" or "nats"))
        {
            errors.Add($"CLUSTER_MODE={options.Mode} is not supported; use none (one process, the default) or nats (replicas sharing NATS JetStream).");
            return ValidateOptionsResult.Fail(errors);
        }

        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (_server.Value.StorageProvider != "neo4j")
        {
            errors.Add($"CLUSTER_MODE=nats needs a report store every replica shares: set STORAGE_PROVIDER=neo4j (and NEO4J_URI). STORAGE_PROVIDER={_server.Value.StorageProvider} keeps reports in this process's own file.");
        }

        ValidateUrls(options.Url, errors);
        if (options.User is not null != options.Password is not null)
        {
            errors.Add("NATS_USER and NATS_PASSWORD go together: set both or neither.");
        }

        if (options.CredsFile is not null && options.User is not null)
        {
            errors.Add("NATS_CREDS_FILE and NATS_USER are two ways to authenticate: set one.");
        }

        if (options.TlsCertFile is not null != options.TlsKeyFile is not null)
        {
            errors.Add("NATS_TLS_CERT and NATS_TLS_KEY go together: set both or neither.");
        }

        RequireFile("NATS_CREDS_FILE", options.CredsFile, errors);
        RequireFile("NATS_TLS_CA", options.TlsCaFile, errors);
        RequireFile("NATS_TLS_CERT", options.TlsCertFile, errors);
        RequireFile("NATS_TLS_KEY", options.TlsKeyFile, errors);
        if (options.JobAckWaitSeconds is < 1 or > 3600)
        {
            errors.Add($"NATS_JOB_ACK_WAIT_SECONDS={options.JobAckWaitSeconds} must be 1..3600.");
        }

        if (options.Prefix.Length is 0 or > 32 || !options.Prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add($"NATS_PREFIX={options.Prefix} must be 1..32 letters, digits, '-' or '_' (it names streams, buckets and subjects).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateUrls(string urls, List<string> errors)
    {
        var parts = urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            errors.Add("NATS_URL is empty; set it to the NATS server, e.g. nats://nats:4222.");
        }

        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme) || uri.Host.Length == 0)
            {
                errors.Add($"NATS_URL={part} is not a NATS address; use nats://host:4222 (or tls://, ws://, wss://), several separated by commas.");
            }
        }
    }

    private static void RequireFile(string variable, string? path, List<string> errors)
    {
        if (path is not null && !File.Exists(path))
        {
            errors.Add($"{variable}={path}: no such file.");
        }
    }
}
