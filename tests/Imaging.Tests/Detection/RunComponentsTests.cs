using MedicalImaging.Imaging.Detection;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Detection;

/// <summary>The run-based labelling finds OpenCV's 8-connected components: the same boxes, areas and pixels.</summary>
public sealed class RunComponentsTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.3)]
    [InlineData(3, 0.7)]
    public void Find_RandomBinaryImage_SameComponentsAsOpenCv(int seed, double density)
    {
        using var binary = RandomBinary(seed, density);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var count = Cv2.ConnectedComponentsWithStats(binary, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var expected = Enumerable.Range(1, count - 1)
            .Select(i => (new Rect(stats.At<int>(i, 0), stats.At<int>(i, 1), stats.At<int>(i, 2), stats.At<int>(i, 3)), stats.At<int>(i, 4)))
            .OrderBy(c => c.Item1.Y).ThenBy(c => c.Item1.X).ThenBy(c => c.Item2).ToList();

        var found = RunComponents.Find(binary);

        Assert.Equal(expected, found.Components.OrderBy(c => c.Box.Y).ThenBy(c => c.Box.X).ThenBy(c => c.Area).ToList());
        for (var id = 0; id < found.Components.Count; id++)
        {
            var box = found.Components[id].Box;
            using var drawn = new Mat(box.Size, MatType.CV_8UC1, Scalar.All(0));
            found.Draw(id, drawn, box.Location);
            var label = labels.At<int>(box.Y, box.X + Enumerable.Range(0, box.Width).First(x => drawn.At<byte>(0, x) != 0));
            using var labelBox = new Mat(labels, box);
            using var same = new Mat();
            Cv2.Compare(labelBox, Scalar.All(label), same, CmpTypes.EQ);
            using var difference = new Mat();
            Cv2.Compare(same, drawn, difference, CmpTypes.NE);
            Assert.Equal(0, Cv2.CountNonZero(difference));
        }
    }

    [Fact]
    public void Find_DiagonalNeighbours_OneComponent()
    {
        using var binary = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(0));
        binary.Set(0, 0, (byte)255);
        binary.Set(1, 1, (byte)255);
        binary.Set(2, 2, (byte)255);
        binary.Set(0, 3, (byte)255);

        var found = RunComponents.Find(binary);

        Assert.Equal(2, found.Components.Count);
        Assert.Contains((new Rect(0, 0, 3, 3), 3), found.Components);
    }

    private static Mat RandomBinary(int seed, double density)
    {
        var random = new Random(seed);
        const int height = 61, width = 83;
        var binary = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (random.NextDouble() < density)
                {
                    binary.Set(y, x, (byte)255);
                }
            }
        }

        return binary;
    }
}
