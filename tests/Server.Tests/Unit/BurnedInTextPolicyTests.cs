using MedicalImaging.Imaging;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Redaction;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>Which images REDACT_BURNED_IN_TEXT=auto reads: all but DICOM of a text-free modality flagged NO.</summary>
public sealed class BurnedInTextPolicyTests
{
    [Theory]
    [InlineData("png", "OT", null, true)]
    [InlineData("jpeg", "CR", null, true)]
    [InlineData("dicom", "US", false, true)]
    [InlineData("dicom", "SC", false, true)]
    [InlineData("dicom", "XA", false, true)]
    [InlineData("dicom", "ES", false, true)]
    [InlineData("dicom", "OT", false, true)]
    [InlineData("dicom", "CT", true, true)]
    [InlineData("dicom", "CT", null, true)]
    [InlineData("dicom", "CT", false, false)]
    [InlineData("dicom", "MR", false, false)]
    [InlineData("dicom", "DX", false, false)]
    public void Decide_Auto_ChecksAllButTextFreeModalitiesFlaggedNo(string format, string modality, bool? flag, bool expected)
    {
        var metadata = new ImageMetadata { SourceFormat = format, Modality = modality, BurnedInAnnotation = flag };

        Assert.Equal(expected, BurnedInTextPolicy.Decide(metadata, BurnedInTextMode.Auto).Check);
    }

    [Fact]
    public void Decide_AlwaysAndNever_OverrideTheFlag()
    {
        var ctFlaggedNo = new ImageMetadata { SourceFormat = "dicom", Modality = "CT", BurnedInAnnotation = false };
        var usFlaggedYes = new ImageMetadata { SourceFormat = "dicom", Modality = "US", BurnedInAnnotation = true };

        Assert.True(BurnedInTextPolicy.Decide(ctFlaggedNo, BurnedInTextMode.Always).Check);
        Assert.False(BurnedInTextPolicy.Decide(usFlaggedYes, BurnedInTextMode.Never).Check);
    }

    [Theory]
    [InlineData(null, BurnedInTextMode.Auto)]
    [InlineData("", BurnedInTextMode.Auto)]
    [InlineData(" Always ", BurnedInTextMode.Always)]
    [InlineData("NEVER", BurnedInTextMode.Never)]
    public void TryParse_KnownValues_AreAccepted(string? value, BurnedInTextMode expected)
    {
        Assert.True(BurnedInTextModes.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void TryParse_UnknownValue_IsRejected() => Assert.False(BurnedInTextModes.TryParse("sometimes", out _));
}
