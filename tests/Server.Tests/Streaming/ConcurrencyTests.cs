using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Streaming;

/// <summary>Many calls at once through one server: each analysis gets its own report, identical uploads one stored image.</summary>
public sealed class ConcurrencyTests() : GrpcServerTestBase(new Dictionary<string, string?> { ["CACHE_TTL_MINUTES"] = "0" })
{
    private const int Parallel = 8;

    [Fact]
    public async Task Analyze_EightAtOnce_AllCompleteWithDistinctReportsOfTheirOwnImages()
    {
        var auth = AuthFor("busy-clinic");
        var images = Enumerable.Range(0, Parallel).Select(i => TestImages.ChestPhantomPng(96, seed: 100 + i)).ToArray();
        var results = await Task.WhenAll(images.Select(png => Client.AnalyzeAsync(Calls.Request(png), auth)));

        var reports = results.Select(events => events[^1].Result.Report).ToArray();
        Assert.Equal(Parallel, reports.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Parallel, results.Select(events => events[0].AnalysisId).Distinct().Count());
        for (var i = 0; i < Parallel; i++)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(images[i])), Assert.Single(reports[i].Images).ImageId);
        }

        var listed = await Client.ListReportsAsync(new ListReportsRequest { PageSize = 50 }, auth);
        Assert.Equal(reports.Select(r => r.Id).Order(), listed.Reports.Select(r => r.Id).Order());
        Assert.Empty(Server.Errors.Entries);
    }

    [Fact]
    public async Task UploadImage_SameBytesEightAtOnce_OneStoredImage_SameId_OneNotDeduplicated()
    {
        var auth = AuthFor("eager-uploader");
        var png = TestImages.ChestPhantomPng(300, seed: 55);
        var expected = Convert.ToHexStringLower(SHA256.HashData(png));

        async Task<UploadImageResponse> UploadAsync()
        {
            using var call = Client.UploadImage(auth, DateTime.UtcNow + Calls.Timeout);
            await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "same.png", SizeBytes = png.Length } });
            for (var offset = 0; offset < png.Length; offset += 8192)
            {
                await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(png, offset, Math.Min(8192, png.Length - offset)) });
            }

            await call.RequestStream.CompleteAsync();
            return await call;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => UploadAsync()));

        Assert.All(answers, a => Assert.Equal(expected, a.ImageId));
        Assert.All(answers, a => Assert.Equal(png.Length, a.SizeBytes));
        Assert.Single(answers, a => !a.Deduplicated);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(Server.DataDirectory, "images"), expected, SearchOption.AllDirectories));
        Assert.Empty(Server.Errors.Entries);
    }
}
