using System.Globalization;
using System.Text.Json;

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
        // Lines before the page or of another user are skipped on their text, without parsing them.
        var userNeedle = string.IsNullOrEmpty(query.UserId) ? null : "\"user\":" + JsonSerializer.Serialize(query.UserId) + ",";
        var start = query.StartTime is { } from ? AuditRecordJson.FormatTime(from) : null;
        var end = query.EndTime is { } until ? AuditRecordJson.FormatTime(until) : null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (SequenceOf(line) is { } sequence && sequence <= query.AfterSequence)
            {
                continue;
            }

            if (userNeedle is not null && !line.Contains(userNeedle, StringComparison.Ordinal))
            {
                continue;
            }

            // The writer's time format sorts as text, so a time range is checked on the text too.
            if ((start is not null || end is not null) && TimeOf(line) is { } time
                && ((start is not null && string.CompareOrdinal(time, start) < 0) || (end is not null && string.CompareOrdinal(time, end) >= 0)))
            {
                continue;
            }

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

    /// <summary>The seq of a line as the writer starts it (<c>{"seq":N,</c>), or null when it does not start so.</summary>
    private static long? SequenceOf(string line)
    {
        const string Prefix = "{\"seq\":";
        var end = line.StartsWith(Prefix, StringComparison.Ordinal) ? line.IndexOf(',', Prefix.Length) : -1;
        return end > 0 && long.TryParse(line.AsSpan(Prefix.Length, end - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The time text of a line (<c>,"time":"…"</c>), or null.</summary>
    private static string? TimeOf(string line)
    {
        const string Member = ",\"time\":\"";
        var at = line.IndexOf(Member, StringComparison.Ordinal);
        var end = at < 0 ? -1 : line.IndexOf('"', at + Member.Length);
        return end < 0 ? null : line[(at + Member.Length)..end];
    }

    private static bool Matches(AuditEntry entry, AuditQuery query) =>
        (string.IsNullOrEmpty(query.UserId) || string.Equals(entry.Event.UserId, query.UserId, StringComparison.Ordinal))
        && (query.StartTime is not { } start || entry.Time >= start)
        && (query.EndTime is not { } end || entry.Time < end);
}
