using System.Text.Json;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream.Models;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// The JetStream stream of report changes ({NATS_PREFIX}_REPORT_CHANGES, subjects {NATS_PREFIX}.reports.changes.{report
/// id}). One message kept per subject: the stream is a compacted log holding each report's latest state (its vector,
/// or a deletion marker), so a replica that starts late replays one message per report, not the history, and never
/// reads the graph.
/// </summary>
public sealed class ReportChangeStream
{
    public ReportChangeStream(IOptions<ClusterOptions> options)
    {
        var prefix = options.Value.Prefix;
        Name = prefix.ToUpperInvariant().Replace('-', '_') + "_REPORT_CHANGES";
        SubjectPrefix = prefix + ".reports.changes.";
    }

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>Subjects of the stream: this + report id.</summary>
    public string SubjectPrefix { get; }

    /// <summary>The subject of one report's changes (report ids are rpt_ + hex: valid subject tokens).</summary>
    public string SubjectOf(string reportId) => SubjectPrefix + reportId;

    /// <summary>The stream's configuration (file storage: the log must outlive a nats-server restart).</summary>
    public StreamConfig Config() => new(Name, [SubjectPrefix + "*"])
    {
        Storage = StreamConfigStorage.File,
        MaxMsgsPerSubject = 1,
        Discard = StreamConfigDiscard.Old,
        Retention = StreamConfigRetention.Limits,
    };

    /// <summary>The change as stream bytes.</summary>
    public static byte[] Serialize(ReportChange change) =>
        JsonSerializer.SerializeToUtf8Bytes(change, ReportChangeJsonContext.Default.ReportChange);

    /// <summary>The change in stream bytes, or null when they are not one.</summary>
    public static ReportChange? Deserialize(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, ReportChangeJsonContext.Default.ReportChange);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
