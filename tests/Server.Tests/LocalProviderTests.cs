using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>The `local` provider reports what its heatmap shows: a strong focal hotspot becomes a cautious finding.</summary>
public sealed class LocalProviderTests() : GrpcServerTestBase()
{

    private Metadata Auth => AuthFor("local-user");

    private async Task<Report> AnalyzeAsync(bool lesion)
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(512, lesion));
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        return await Client.AnalyzeToReportAsync(request, Auth);
    }

    [Fact]
    public async Task Lesion_BecomesAFocalFindingAtTheLesion_WordedAsADetectionNotADiagnosis()
    {
        var report = await AnalyzeAsync(lesion: true);

        var focal = Assert.Single(report.Findings, f => f.Description.StartsWith("Focal area of local intensity deviation", StringComparison.Ordinal));
        Assert.Equal(Severity.Mild, focal.Severity);
        Assert.Equal("image-left middle third", focal.Anatomy);
        Assert.Contains("not a diagnosis", focal.Description, StringComparison.Ordinal);
        // The lesion is a disc at (0.32, 0.42) of the image, radius 0.05: the finding's box holds its centre.
        Assert.InRange(0.32, focal.Region.X, focal.Region.X + focal.Region.Width);
        Assert.InRange(0.42, focal.Region.Y, focal.Region.Y + focal.Region.Height);
        Assert.DoesNotContain(report.Findings, f => f.Description.StartsWith("No measurement outside", StringComparison.Ordinal));
        Assert.DoesNotContain("No focal abnormality", report.Impression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoLesion_NoFocalFinding()
    {
        var report = await AnalyzeAsync(lesion: false);

        Assert.DoesNotContain(report.Findings, f => f.Description.StartsWith("Focal area", StringComparison.Ordinal));
    }
}
