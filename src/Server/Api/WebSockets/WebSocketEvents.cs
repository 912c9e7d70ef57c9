using System.Text.Json.Nodes;
using Google.Protobuf;
using MedicalImaging.Server.Api.Mapping;
using MedicalImaging.Server.Pipeline;

namespace MedicalImaging.Server.Api.WebSockets;

/// <summary>Feed events as the WebSocket shim's JSON (the report rendered as the REST API renders it).</summary>
public static class WebSocketEvents
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static string From(AnalysisEvent item)
    {
        if (item.Progress is { } p)
        {
            return new JsonObject
            {
                ["type"] = "progress",
                ["analysisId"] = item.AnalysisId,
                ["sequence"] = item.Sequence,
                ["stage"] = p.Stage.ToString().ToLowerInvariant(),
                ["percent"] = p.Percent,
                ["message"] = p.Message,
                ["imageIndex"] = p.ImageIndex,
                ["provider"] = p.Provider,
            }.ToJsonString();
        }

        var outcome = item.Outcome!;
        return new JsonObject
        {
            ["type"] = "result",
            ["analysisId"] = item.AnalysisId,
            ["sequence"] = item.Sequence,
            ["cached"] = outcome.Cached,
            ["degraded"] = outcome.Degraded,
            ["report"] = JsonNode.Parse(Formatter.Format(ReportMapper.ToContract(outcome.Report))),
        }.ToJsonString();
    }
}
