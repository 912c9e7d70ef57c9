using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>The `local` provider reports what its heatmap shows: a strong focal hotspot becomes a cautious finding.</summary>
public sealed class LocalProviderTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private Grpc.Net.Client.GrpcChannel _channel = null!;
    private ImagingService.ImagingServiceClient _client = null!;
    private Metadata _auth = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        _channel = Grpc.Net.Client.GrpcChannel.ForAddress(_server.GrpcAddress);
        _client = new ImagingService.ImagingServiceClient(_channel);
        _auth = new Metadata { { "authorization", "Bearer " + _server.IssueToken("local-user") } };
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<Report> AnalyzeAsync(bool lesion)
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(512, lesion));
        request.Images[0].ModalityHint = "CR";
        request.Images[0].BodyPartHint = "CHEST";
        return await _client.AnalyzeToReportAsync(request, _auth);
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
