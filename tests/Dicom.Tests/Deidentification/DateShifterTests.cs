using System.Text;

namespace MedicalImaging.Dicom.Tests;

/// <summary>The date/time arithmetic of the Modified Dates option on values as DICOM writes them.</summary>
public sealed class DateShifterTests
{
    [Fact]
    public void ShiftPair_LateEvening_CarriesIntoNextDayAndKeepsPrecision()
    {
        var shifter = ShifterWithSecondsAbove(40_000);
        var moved = shifter.ShiftPair("20240315", "230000.5");
        var expected = new DateTime(2024, 3, 15, 23, 0, 0, 500) + shifter.Offset;
        Assert.Equal((expected.ToString("yyyyMMdd", Inv), expected.ToString("HHmmss.f", Inv)), moved);
        Assert.Equal(new DateTime(2024, 3, 15).AddDays(shifter.Days + 1).Date, expected.Date); // carried
    }

    [Theory]
    [InlineData("2024.03.15", "DA")] // old ACR-NEMA form: not parsed, the profile's action applies instead
    [InlineData("202403", "DA")]
    [InlineData("25", "TM")]
    [InlineData("1015a0", "TM")]
    [InlineData("2024", "DT")]
    public void Shift_UnparseableValue_ReturnsNull(string value, string vr)
    {
        var shifter = new DateShifter(DeidTestFiles.Key, "id:X");
        Assert.Null(shifter.Shift(value, Enum.Parse<DicomVR>(vr)));
    }

    [Fact]
    public void Shift_CoarseAndMultiValued_KeepsTheirForm()
    {
        var shifter = ShifterWithSecondsAbove(0);
        Assert.Equal(4, shifter.Shift("1015", DicomVR.TM)!.Length);
        Assert.Equal(2, shifter.Shift("20240315\\20240316", DicomVR.DA)!.Split('\\').Length);
        Assert.EndsWith("-0500", shifter.Shift("20240315101500-0500", DicomVR.DT), StringComparison.Ordinal);
        Assert.Equal(8, shifter.Shift("20240315", DicomVR.DT)!.Length);
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static DateShifter ShifterWithSecondsAbove(int seconds)
    {
        for (var i = 0; ; i++)
        {
            var shifter = new DateShifter(DeidTestFiles.Key, "id:" + i.ToString(Inv));
            if (shifter.Seconds > seconds)
            {
                return shifter;
            }
        }
    }
}
