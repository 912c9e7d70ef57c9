using OpenCvSharp;

namespace MedicalImaging.Imaging.Detection;

/// <summary>
/// The 8-connected components of a binary image, found on row runs (union–find of runs that touch, diagonally
/// included): the same components, boxes and areas as <c>Cv2.ConnectedComponentsWithStats</c> with 8-connectivity.
/// Done here because OpenCV labels in parallel on more than one thread, and that one hand-off to its thread pool left
/// the idle worker spinning ~1 ms per call on two cores (more than the whole rest of the detector's extra CPU).
/// </summary>
internal sealed class RunComponents
{
    private readonly List<int> rows = [];
    private readonly List<int> starts = [];
    private readonly List<int> ends = [];
    private readonly int[] componentOfRun;

    private RunComponents(Mat binary)
    {
        Scan(binary);
        var parent = new int[starts.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        // Runs of consecutive rows touch when their columns overlap or meet at a corner.
        var previous = 0;
        var current = 0;
        while (current < starts.Count && rows[current] == rows[0])
        {
            current++;
        }

        while (current < starts.Count)
        {
            var row = rows[current];
            var rowEnd = current;
            while (rowEnd < starts.Count && rows[rowEnd] == row)
            {
                rowEnd++;
            }

            while (previous < current && rows[previous] < row - 1)
            {
                previous++;
            }

            var above = previous;
            var below = current;
            while (above < current && below < rowEnd)
            {
                if (starts[above] <= ends[below] && starts[below] <= ends[above])
                {
                    Union(parent, above, below);
                }

                if (ends[above] < ends[below])
                {
                    above++;
                }
                else
                {
                    below++;
                }
            }

            previous = current;
            current = rowEnd;
        }

        componentOfRun = new int[starts.Count];
        var idOfRoot = new Dictionary<int, int>();
        var boxes = new List<(int Left, int Top, int Right, int Bottom, int Area)>();
        for (var i = 0; i < starts.Count; i++)
        {
            var root = Find(parent, i);
            if (!idOfRoot.TryGetValue(root, out var id))
            {
                id = boxes.Count;
                idOfRoot.Add(root, id);
                boxes.Add((int.MaxValue, int.MaxValue, -1, -1, 0));
            }

            componentOfRun[i] = id;
            var (left, top, right, bottom, area) = boxes[id];
            boxes[id] = (Math.Min(left, starts[i]), Math.Min(top, rows[i]), Math.Max(right, ends[i]), Math.Max(bottom, rows[i]), area + ends[i] - starts[i]);
        }

        Components = boxes.Select(b => (new Rect(b.Left, b.Top, b.Right - b.Left, b.Bottom - b.Top + 1), b.Area)).ToList();
    }

    /// <summary>Each component's bounding box and pixel count (index = component id).</summary>
    public IReadOnlyList<(Rect Box, int Area)> Components { get; }

    /// <summary>The components of the non-zero pixels of <paramref name="binary"/> (CV_8UC1).</summary>
    public static RunComponents Find(Mat binary) => new(binary);

    /// <summary>Sets the pixels of component <paramref name="id"/> to 255 in <paramref name="target"/>, whose pixel (0, 0) is the image's <paramref name="origin"/> (clipped to it).</summary>
    public unsafe void Draw(int id, Mat target, Point origin)
    {
        var width = target.Width;
        var height = target.Height;
        for (var i = 0; i < starts.Count; i++)
        {
            var y = rows[i] - origin.Y;
            if (componentOfRun[i] != id || y < 0 || y >= height)
            {
                continue;
            }

            var from = Math.Max(0, starts[i] - origin.X);
            var to = Math.Min(width, ends[i] - origin.X);
            if (from < to)
            {
                new Span<byte>((byte*)target.Ptr(y) + from, to - from).Fill(255);
            }
        }
    }

    private unsafe void Scan(Mat binary)
    {
        var width = binary.Width;
        var height = binary.Height;
        for (var y = 0; y < height; y++)
        {
            var found = BinaryRuns.Append(new ReadOnlySpan<byte>((byte*)binary.Ptr(y), width), starts, ends);
            rows.AddRange(Enumerable.Repeat(y, found));
        }
    }

    private static int Find(int[] parent, int run)
    {
        while (parent[run] != run)
        {
            parent[run] = parent[parent[run]];
            run = parent[run];
        }

        return run;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var rootA = Find(parent, a);
        var rootB = Find(parent, b);
        if (rootA != rootB)
        {
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
