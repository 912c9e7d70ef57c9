namespace MedicalImaging.Server.Audit;

/// <summary>
/// Reads pages of the audit log for ListAuditEvents, oldest first, by scanning the file from the start (no index: the
/// log is read rarely, by auditors, and a page costs a read of the file up to it). It first waits until everything
/// already recorded is on disk, so a caller sees its own earlier calls.
/// </summary>
public sealed class AuditLogReader
{
    private readonly AuditLog _log;

    public AuditLogReader(AuditLog log) => _log = log;

    /// <summary>A page of entries matching <paramref name="query"/> and the sequence to continue after (null on the last page).</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long? Next)> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _log.FlushAsync(cancellationToken);
        var page = new List<AuditEntry>(query.PageSize);
        await using var stream = new FileStream(_log.Path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, Options = FileOptions.Asynchronous });
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var entry = AuditRecordJson.Read(line);
            if (entry.Sequence <= query.AfterSequence || !Matches(entry, query))
            {
                continue;
            }

            if (page.Count == query.PageSize)
            {
                return (page, page[^1].Sequence);
            }

            page.Add(entry);
        }

        return (page, null);
    }

    private static bool Matches(AuditEntry entry, AuditQuery query) =>
        (string.IsNullOrEmpty(query.UserId) || string.Equals(entry.Event.UserId, query.UserId, StringComparison.Ordinal))
        && (query.StartTime is not { } start || entry.Time >= start)
        && (query.EndTime is not { } end || entry.Time < end);
}
