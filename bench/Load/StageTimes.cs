using System.Collections.Concurrent;
using System.Text.Json;

namespace MedicalImaging.Load;

/// <summary>
/// The server's own per-stage times (report provenance stage_millis, stages up to the report) of a phase's analyses,
/// so a latency figure can be split into where the server spent it. Stages after the report (embed, store) and the
/// transport are what the end-to-end latency adds.
/// </summary>
internal sealed class StageTimes
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _millis = new(StringComparer.Ordinal);

    public void Clear() => _millis.Clear();

    /// <summary>Reads result.report.provenance.stageMillis of a REST result line, when it has one.</summary>
    public void RecordResultLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        if (document.RootElement.TryGetProperty("result", out var result)
            && result.TryGetProperty("report", out var report)
            && report.TryGetProperty("provenance", out var provenance)
            && provenance.TryGetProperty("stageMillis", out var stages))
        {
            foreach (var stage in stages.EnumerateObject())
            {
                _millis.GetOrAdd(stage.Name, _ => []).Add(stage.Value.GetDouble());
            }
        }
    }

    /// <summary>Median milliseconds per stage, in the order the stages first reported.</summary>
    public IReadOnlyList<(string Stage, double MedianMs)> Medians() =>
        [.. _millis.Select(kv => (kv.Key, Median(kv.Value))).OrderByDescending(s => s.Item2)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
