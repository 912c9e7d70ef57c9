using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Embeddings;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_ReportsAndSimilarIndexSurvive_SameLocalKey()
    {
        var dataDir = Directory.CreateTempSubdirectory("medimg-restart-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["MEDICAL_IMAGING_DATA_DIR"] = dataDir };
            string firstId, secondId, token;
            await using (var server = await RunningServer.StartAsync(settings))
            {
                token = server.IssueToken("restarter");
                using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
                var client = new ImagingService.ImagingServiceClient(channel);
                var auth = new Metadata { { "authorization", "Bearer " + token } };
                firstId = (await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 21)), auth)).Id;
                secondId = (await client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(96, seed: 22)), auth)).Id;
            }

            Assert.True(File.Exists(Path.Combine(dataDir, "jwt-signing.key")));
            await using (var server = await RunningServer.StartAsync(settings))
            {
                Assert.Equal(2, server.Services.GetRequiredService<VectorIndex>().Count);
                using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);
                var client = new ImagingService.ImagingServiceClient(channel);
                // A token minted before the restart is still valid: the local key was kept.
                var auth = new Metadata { { "authorization", "Bearer " + token } };
                Assert.Equal(firstId, (await client.GetReportAsync(new GetReportRequest { ReportId = firstId }, auth)).Report.Id);
                var similar = await client.FindSimilarAsync(new FindSimilarRequest { ReportId = firstId }, auth);
                Assert.Equal(secondId, Assert.Single(similar.Results).ReportId);
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task StandardHealthAndReflection_AnswerWithoutToken()
    {
        await using var server = await RunningServer.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.GrpcAddress);

        var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        var reflection = new ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "medimaging.v1.ImagingService");

        var imaging = new ImagingService.ImagingServiceClient(channel);
        var mine = await imaging.GetHealthAsync(new GetHealthRequest(), new Metadata { { "authorization", "Bearer " + server.IssueToken("hosting") } });
        Assert.Equal(ServingStatus.Serving, mine.Status);
        Assert.True(mine.Resources.WorkingSetBytes > 0);
        Assert.Equal("sqlite", mine.Database.Provider);
        Assert.Empty(server.Errors.Entries);
    }

    [Fact]
    public async Task Start_InvalidSetting_FailsNamingTheVariable()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["MAX_IMAGE_SIZE_MB"] = "0" }));
        Assert.Contains("MAX_IMAGE_SIZE_MB", error.Message);
    }
}
