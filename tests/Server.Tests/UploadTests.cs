using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

public sealed class UploadTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public UploadTests(ServerFixture fixture) => _fixture = fixture;

    private async Task<UploadImageResponse> UploadAsync(byte[] bytes, Metadata auth, string? sha = null, int chunk = 64 * 1024)
    {
        using var call = _fixture.Client.UploadImage(auth, DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest
        {
            Metadata = new UploadImageMetadata { Filename = "upload.png", SizeBytes = bytes.Length, Sha256 = sha ?? string.Empty },
        });
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(bytes, offset, Math.Min(chunk, bytes.Length - offset)) });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    [Fact]
    public async Task Upload_Chunked_ContentAddressedDeduplicatedAndAnalyzable()
    {
        var auth = _fixture.AuthFor("uploader");
        var png = TestImages.ChestPhantomPng(700, seed: 5);
        var expected = Convert.ToHexStringLower(SHA256.HashData(png));

        var first = await UploadAsync(png, auth, expected);
        Assert.Equal(expected, first.ImageId);
        Assert.Equal(png.Length, first.SizeBytes);
        Assert.False(first.Deduplicated);
        var second = await UploadAsync(png, auth, chunk: 10_000);
        Assert.Equal(expected, second.ImageId);
        Assert.True(second.Deduplicated);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_fixture.Server.DataDirectory, "images"), expected, SearchOption.AllDirectories));

        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { Filename = "upload.png", ImageId = first.ImageId });
        var report = await _fixture.Client.AnalyzeToReportAsync(request, auth);
        Assert.Equal(expected, Assert.Single(report.Images).ImageId);
        Assert.Equal(700, report.Images[0].Width);
    }

    [Fact]
    public async Task Analyze_ImageIdUploadedBySomeoneElse_NotFound()
    {
        var png = TestImages.ChestPhantomPng(80, seed: 9);
        var uploaded = await UploadAsync(png, _fixture.AuthFor("first-owner"));
        var request = new AnalyzeRequest();
        request.Images.Add(new ImageInput { ImageId = uploaded.ImageId });
        var error = await Assert.ThrowsAsync<RpcException>(() => _fixture.Client.AnalyzeAsync(request, _fixture.AuthFor("second-user")));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Upload_HashMismatch_InvalidArgumentAndNothingStored()
    {
        var png = TestImages.ChestPhantomPng(72, seed: 13);
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(png, _fixture.AuthFor("careful"), new string('0', 64)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("corrupted", error.Status.Detail);
        var id = Convert.ToHexStringLower(SHA256.HashData(png));
        Assert.Empty(Directory.Exists(Path.Combine(_fixture.Server.DataDirectory, "images"))
            ? Directory.EnumerateFiles(Path.Combine(_fixture.Server.DataDirectory, "images"), id, SearchOption.AllDirectories)
            : []);
    }

    [Fact]
    public async Task Upload_ChunkBeforeMetadata_InvalidArgument()
    {
        using var call = _fixture.Client.UploadImage(_fixture.AuthFor("sloppy"), DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFromUtf8("abc") });
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
