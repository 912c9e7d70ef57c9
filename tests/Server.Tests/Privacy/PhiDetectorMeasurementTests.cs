using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalImaging.Server.Privacy;
using Xunit.Abstractions;

namespace MedicalImaging.Server.Tests.Privacy;

/// <summary>
/// Recall and precision of the free-text detector on the committed labelled set
/// (Privacy/Data/phi-sentences.jsonl, made by make-phi-sentences.py), token level: a token (a run of
/// letters or digits) is PHI when it lies inside a labelled span, and is redacted when it lies inside a
/// detected span. The floors make a regression fail; docs/PRIVACY.md publishes the measured figures.
/// </summary>
public sealed partial class PhiDetectorMeasurementTests(ITestOutputHelper output)
{
    private const double RecallFloor = 0.95;
    private const double PrecisionFloor = 0.85;
    private const double HeldOutRecallFloor = 0.95;
    private const double HeldOutPrecisionFloor = 0.90;
    private const int HeldOutSentences = 42;

    [Fact]
    public void Detector_OnLabelledSyntheticSentences_MeetsRecallAndPrecisionFloors()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Privacy", "Data", "phi-sentences.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Row>(l, JsonSerializerOptions.Web)!).ToList();
        Assert.True(rows.Count >= 200, $"the labelled set has {rows.Count} sentences; at least 200 are needed");

        var (recall, precision) = Measure(rows);
        int spanHits = 0, spanCount = 0, intactNegatives = 0, negatives = 0;
        foreach (var row in rows)
        {
            var found = PhiDetector.Find(row.Text);
            foreach (var span in row.Spans)
            {
                spanCount++;
                spanHits += Token().Matches(row.Text[span.Start..span.End])
                    .All(t => found.Any(f => span.Start + t.Index < f.End && span.Start + t.Index + t.Length > f.Start)) ? 1 : 0;
            }

            if (row.Spans.Count == 0)
            {
                negatives++;
                intactNegatives += found.Count == 0 ? 1 : 0;
            }
        }

        output.WriteLine($"spans fully redacted {spanHits}/{spanCount}; PHI-free sentences left intact {intactNegatives}/{negatives}");
        Assert.True(recall >= RecallFloor, $"token recall {recall:0.000} fell below {RecallFloor}");
        Assert.True(precision >= PrecisionFloor, $"token precision {precision:0.000} fell below {PrecisionFloor}");
    }

    /// <summary>
    /// The held-out set (heldout-sentences.txt, [[TYPE|text]] markup) was written after the detector was frozen and
    /// never used to tune it until its first measurement (0.920 / 0.945, published in docs/PRIVACY.md); two misses were
    /// fixed after that. Its floors (below the 0.973 / 0.924 measured now) make a regression on it fail too.
    /// </summary>
    [Fact]
    public void Detector_OnHeldOutSentences_MeetsRecallAndPrecisionFloors()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Privacy", "Data", "heldout-sentences.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var text = new System.Text.StringBuilder();
            var spans = new List<Span>();
            var at = 0;
            foreach (Match m in Markup().Matches(line))
            {
                text.Append(line, at, m.Index - at);
                spans.Add(new Span(text.Length, text.Length + m.Groups[2].Length, m.Groups[1].Value));
                text.Append(m.Groups[2].Value);
                at = m.Index + m.Length;
            }

            rows.Add(new Row(rows.Count + 1, text.Append(line, at, line.Length - at).ToString(), spans));
        }

        // Every sentence of the file was read (a markup change that dropped lines would raise the scores silently).
        Assert.Equal(HeldOutSentences, rows.Count);
        var (recall, precision) = Measure(rows);
        Assert.True(recall >= HeldOutRecallFloor, $"held-out token recall {recall:0.000} fell below {HeldOutRecallFloor}");
        Assert.True(precision >= HeldOutPrecisionFloor, $"held-out token precision {precision:0.000} fell below {HeldOutPrecisionFloor}");
    }

    private (double Recall, double Precision) Measure(List<Row> rows)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var row in rows)
        {
            var found = PhiDetector.Find(row.Text);
            foreach (Match token in Token().Matches(row.Text))
            {
                var gold = row.Spans.Any(s => token.Index < s.End && token.Index + token.Length > s.Start);
                var predicted = found.Any(s => token.Index < s.End && token.Index + token.Length > s.Start);
                tp += gold && predicted ? 1 : 0;
                fp += !gold && predicted ? 1 : 0;
                fn += gold && !predicted ? 1 : 0;
                if (gold != predicted)
                {
                    output.WriteLine($"{(gold ? "MISSED" : "EXTRA ")} {token.Value,-16} in #{row.Id}: {row.Text}");
                }
            }
        }

        var recall = (double)tp / (tp + fn);
        var precision = (double)tp / (tp + fp);
        output.WriteLine($"sentences {rows.Count}; tokens PHI {tp + fn}; recall {recall:0.000}; precision {precision:0.000}");
        return (recall, precision);
    }

    private sealed record Row(int Id, string Text, IReadOnlyList<Span> Spans);

    private sealed record Span(int Start, int End, string Type);

    [GeneratedRegex(@"\[\[([A-Z]+)\|(.*?)\]\]")]
    private static partial Regex Markup();

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex Token();
}
