using System.Text.Json;
using NATS.Client.JetStream.Models;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>
/// The JetStream stream of report changes. One subject per report and one message kept per subject: the stream
/// is a compacted log holding each report's latest state (its vector, or a deletion marker), so a replica that
/// starts late replays one message per report, not the history, and never reads the graph.
/// </summary>
public static class ReportChangeStream
{
    /// <summary>The stream's name.</summary>
    public const string Name = "MEDIMAGING_REPORT_CHANGES";

    /// <summary>Subjects of the stream: medimaging.reports.changes.{report id}.</summary>
    public const string SubjectPrefix = "medimaging.reports.changes.";

    /// <summary>The subject of one report's changes (report ids are rpt_ + hex: valid subject tokens).</summary>
    public static string SubjectOf(string reportId) => SubjectPrefix + reportId;

    /// <summary>The stream's configuration (file storage: the log must outlive a nats-server restart).</summary>
    public static StreamConfig Config() => new(Name, [SubjectPrefix + "*"])
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
