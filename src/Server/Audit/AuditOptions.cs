using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.Audit;

/// <summary>Where the audit trail is kept, how it is keyed, and who may read it.</summary>
public sealed class AuditOptions
{
    /// <summary>The audit log file (JSON lines). Default: audit/audit.jsonl in the data directory.</summary>
    [ConfigurationKeyName("AUDIT_LOG_PATH")]
    public string? LogPath { get; set; }

    /// <summary>
    /// Key of the HMAC-SHA-256 chain (at least 32 characters). Unset (default): plain SHA-256, which shows accidental
    /// damage and careless edits but can be recomputed by whoever can write the file; with a key kept elsewhere it cannot.
    /// </summary>
    [ConfigurationKeyName("AUDIT_HMAC_KEY")]
    public string? HmacKey { get; set; }

    /// <summary>The role claim (roles, role or the .NET role claim type) that may call ListAuditEvents. Default medimaging-audit.</summary>
    [ConfigurationKeyName("AUDIT_ADMIN_ROLE")]
    public string AdminRole { get; set; } = "medimaging-audit";

    /// <summary>The log path, defaulted into <paramref name="dataDirectory"/>.</summary>
    public string ResolvedLogPath(string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(LogPath) ? Path.Combine(dataDirectory, "audit", "audit.jsonl") : LogPath);
}
