using MedicalImaging.Imaging.Detection;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Detection;

/// <summary>The run-length closing gives exactly OpenCV's closing with the elliptic element, default border included.</summary>
public sealed class DiscClosingTests
{
    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        foreach (var side in new[] { 3, 5, 11, 21 })
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                cases.Add(side, seed);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CloseInto_RandomShapesTouchingTheBorder_SamePixelsAsOpenCvClose(int side, int seed)
    {
        using var shapes = Shapes(seed);
        using var expected = new Mat();
        using var element = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(side, side));
        Cv2.MorphologyEx(shapes, expected, MorphTypes.Close, element);
        using var closed = new Mat(shapes.Size(), MatType.CV_8UC1, Scalar.All(0));

        DiscClosing.CloseInto(shapes, closed, DiscClosing.HalfWidths(side));

        using var difference = new Mat();
        Cv2.Compare(closed, expected, difference, CmpTypes.NE);
        Assert.Equal(0, Cv2.CountNonZero(difference));
        Assert.True(Cv2.CountNonZero(expected) > Cv2.CountNonZero(shapes), "the shapes have gaps the closing fills");
    }

    [Fact]
    public void CloseInto_LeavesPixelsOutsideTheClosingAsTheyWere()
    {
        using var shapes = new Mat(40, 40, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(shapes, new Rect(10, 10, 8, 8), Scalar.All(255), -1);
        using var target = new Mat(40, 40, MatType.CV_8UC1, Scalar.All(0));
        target.Set(0, 0, (byte)255);

        DiscClosing.CloseInto(shapes, target, DiscClosing.HalfWidths(5));

        Assert.Equal(255, target.At<byte>(0, 0));
        Assert.Equal(64 + 1, Cv2.CountNonZero(target));
    }

    /// <summary>Ellipses, thin notches and scattered dots, some cut by the image border.</summary>
    private static Mat Shapes(int seed)
    {
        var random = new Random(seed);
        var shapes = new Mat(97, 131, MatType.CV_8UC1, Scalar.All(0));
        for (var i = 0; i < 6; i++)
        {
            var centre = new Point(random.Next(-10, 141), random.Next(-10, 107));
            Cv2.Ellipse(shapes, centre, new Size(random.Next(4, 30), random.Next(4, 30)), random.Next(180), 0, 360, Scalar.All(255), -1);
            Cv2.Line(shapes, centre, new Point(centre.X + random.Next(-20, 21), centre.Y + random.Next(-20, 21)), Scalar.All(0), random.Next(1, 4));
        }

        for (var i = 0; i < 60; i++)
        {
            shapes.Set(random.Next(97), random.Next(131), (byte)255);
        }

        return shapes;
    }
}
