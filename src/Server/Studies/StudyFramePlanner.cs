using System.Globalization;
using MedicalImaging.Server.DicomWeb;

namespace MedicalImaging.Server.Studies;

/// <summary>
/// Picks the representative images of a study within a budget. Each series is a stack: single-frame slices in volume
/// order (by position along the slice normal when every slice has one, else by Instance Number), or the frames of its
/// multi-frame instances in order. The budget is shared evenly between series (the remainder to the longest), and
/// each series is sampled at evenly spaced, centred positions (a CT of 120 slices with 4 to spare: slices 15, 45, 75,
/// 105), so the picks cover the whole volume rather than its first slices. With more series than budget, the longest
/// series get one image each.
/// </summary>
public static class StudyFramePlanner
{
    public static StudyPlan Plan(IReadOnlyList<IndexedInstance> instances, int budget)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        var stacks = instances
            .GroupBy(i => i.SeriesInstanceUid)
            .Select(g => Stack(g.ToList()))
            .OrderBy(s => s.SeriesNumber)
            .ThenBy(s => s.SeriesUid, StringComparer.Ordinal)
            .ToList();
        var candidates = stacks.Sum(s => s.Frames.Count);
        var shares = Shares(stacks.Select(s => s.Frames.Count).ToList(), budget);
        var chosen = new List<PlannedFrame>();
        for (var s = 0; s < stacks.Count; s++)
        {
            var stack = stacks[s];
            var n = shares[s];
            for (var k = 0; k < n; k++)
            {
                var index = (int)Math.Floor((k + 0.5) * stack.Frames.Count / n);
                var (instance, frame) = stack.Frames[index];
                var unit = instance.Frames > 1 ? "frame" : "slice";
                var label = string.Create(CultureInfo.InvariantCulture,
                    $"series {stack.SeriesNumber} {stack.Modality}: {unit} {index + 1} of {stack.Frames.Count}");
                chosen.Add(new PlannedFrame(instance.ImageId, instance.SopInstanceUid, instance.SeriesInstanceUid, instance.Frames > 1 ? frame : null, label));
            }
        }

        return new StudyPlan(chosen, candidates, stacks.Count);
    }

    /// <summary>Images per series: an even split of the budget, never more than a series has, the rest to the longest.</summary>
    private static int[] Shares(List<int> sizes, int budget)
    {
        var shares = new int[sizes.Count];
        var left = budget;
        // Round-robin one at a time over the series, longest first, so short series give their unused share away.
        var order = Enumerable.Range(0, sizes.Count).OrderByDescending(i => sizes[i]).ToList();
        var progress = true;
        while (left > 0 && progress)
        {
            progress = false;
            foreach (var i in order)
            {
                if (left > 0 && shares[i] < sizes[i])
                {
                    shares[i]++;
                    left--;
                    progress = true;
                }
            }
        }

        return shares;
    }

    private static SeriesStack Stack(List<IndexedInstance> series)
    {
        var first = series[0];
        var ordered = series.All(i => i.SlicePosition is not null)
            ? series.OrderBy(i => i.SlicePosition).ToList()
            : series.OrderBy(i => Number(i, DicomWebAttributes.InstanceNumber)).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList();
        var frames = ordered.SelectMany(i => Enumerable.Range(0, i.Frames).Select(f => (i, f))).ToList();
        return new SeriesStack(first.SeriesInstanceUid, Number(first, DicomWebAttributes.SeriesNumber),
            first.Values.GetValueOrDefault(DicomWebAttributes.Modality.Column) ?? "OT", frames);
    }

    private static int Number(IndexedInstance instance, DicomWebAttribute attribute) =>
        int.TryParse(instance.Values.GetValueOrDefault(attribute.Column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    private sealed record SeriesStack(string SeriesUid, int SeriesNumber, string Modality, List<(IndexedInstance Instance, int Frame)> Frames);
}
