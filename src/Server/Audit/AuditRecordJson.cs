using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// The JSON of one audit line, written member by member in a fixed order (the bytes the chain hashes) and read back for
/// ListAuditEvents. Field names follow ATNA: event, action, outcome, user, roles, address, objects.
/// </summary>
public static class AuditRecordJson
{
    /// <summary>The line body (without the hash member) of <paramref name="entry"/>.</summary>
    public static string Write(AuditEntry entry, string source, string prev, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var e = entry.Event;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", entry.Sequence);
            json.WriteString("time", FormatTime(entry.Time));
            json.WriteString("event", e.EventId);
            json.WriteString("event_code", e.EventCode);
            json.WriteString("action", e.Action);
            json.WriteNumber("outcome", e.Outcome);
            json.WriteString("status", e.Status);
            json.WriteString("operation", e.Operation);
            json.WriteString("transport", e.Transport);
            json.WriteString("user", e.UserId);
            json.WriteStartArray("roles");
            foreach (var role in e.Roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteString("address", e.ClientAddress);
            json.WriteStartArray("objects");
            foreach (var o in e.Objects)
            {
                json.WriteStartObject();
                json.WriteString("type", o.Type);
                json.WriteString("id", o.Id);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("correlation_id", e.CorrelationId);
            json.WriteString("trace_id", e.TraceId);
            json.WriteString("source", source);
            json.WriteString("prev", prev);
            json.WriteString("alg", algorithm);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A record's time as written: UTC, fixed width, so times sort as text.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    /// <summary>Reads a stored line back (the hash member is ignored here; the verifier checks it).</summary>
    public static AuditEntry Read(string line)
    {
        using var json = JsonDocument.Parse(line);
        var r = json.RootElement;
        var e = new AuditEvent
        {
            EventId = Text(r, "event") ?? string.Empty,
            EventCode = Text(r, "event_code") ?? string.Empty,
            Action = Text(r, "action") ?? string.Empty,
            Outcome = r.GetProperty("outcome").GetInt32(),
            Status = Text(r, "status") ?? string.Empty,
            Operation = Text(r, "operation") ?? string.Empty,
            Transport = Text(r, "transport") ?? string.Empty,
            UserId = Text(r, "user"),
            Roles = r.GetProperty("roles").EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList(),
            ClientAddress = Text(r, "address"),
            Objects = r.GetProperty("objects").EnumerateArray().Select(o => new AuditObject(Text(o, "type") ?? string.Empty, Text(o, "id") ?? string.Empty)).ToList(),
            CorrelationId = Text(r, "correlation_id"),
            TraceId = Text(r, "trace_id"),
        };
        var time = DateTimeOffset.Parse(r.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new AuditEntry(r.GetProperty("seq").GetInt64(), time, e);
    }

    /// <summary>The seq and hash of a stored line (to continue the chain after a restart).</summary>
    public static (long Sequence, string Hash) Tail(string line)
    {
        if (!MedicalImaging.Auth.Audit.AuditChain.TryOpen(line, out var body, out var hash))
        {
            throw new InvalidDataException("The last line of the audit log has no hash member.");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("seq").GetInt64(), hash);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
