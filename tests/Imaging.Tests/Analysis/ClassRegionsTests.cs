using MedicalImaging.Imaging.Analysis;

namespace MedicalImaging.Imaging.Tests.Analysis;

public sealed class ClassRegionsTests
{
    [Fact]
    public void Measure_DiagonalNeighbours_AreOneRegion()
    {
        var map = Parse(
            "1...",
            ".1..",
            "..1.",
            "...1");

        var regions = ClassRegions.Measure(map, 4, 4, 2, 1);

        Assert.Equal(1, regions[1].Regions);
        Assert.Equal(4, regions[1].Area);
        Assert.Equal(new OpenCvSharp.Rect(0, 0, 4, 4), regions[1].Box);
    }

    [Fact]
    public void Measure_UShape_ArmsJoinedBelowAreOneRegion()
    {
        var map = Parse(
            "1..1.2",
            "1..1.2",
            "1111..",
            "......");

        var regions = ClassRegions.Measure(map, 6, 4, 2, 1);

        Assert.Equal(1, regions[1].Regions);
        Assert.Equal(8, regions[1].Area);
        Assert.Equal(new OpenCvSharp.Rect(0, 0, 4, 3), regions[1].Box);
        Assert.Equal(1, regions[2].Regions);
        Assert.Equal(2, regions[2].Area);
    }

    [Fact]
    public void Measure_TouchingRegionsOfDifferentClasses_StaySeparate()
    {
        var map = Parse(
            "1122",
            "1122",
            "....",
            "2..1");

        var regions = ClassRegions.Measure(map, 4, 4, 2, 2);

        Assert.Equal(4, regions[1].Area);
        Assert.Equal(1, regions[1].Regions);
        Assert.Equal(4, regions[2].Area);
        Assert.Equal(1, regions[2].Regions);
    }

    [Fact]
    public void Measure_AbsentClass_HasNoRegion()
    {
        var regions = ClassRegions.Measure(Parse("1.", ".."), 2, 2, 3, 1);

        Assert.Equal(0, regions[3].Area);
        Assert.Equal(0, regions[3].Regions);
    }

    private static byte[] Parse(params string[] rows) =>
        rows.SelectMany(r => r.Select(c => c == '.' ? (byte)0 : (byte)(c - '0'))).ToArray();
}
