using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

public sealed class ValidationTests() : GrpcServerTestBase(new Dictionary<string, string?> { ["MAX_IMAGE_SIZE_MB"] = "1" })
{

    private Metadata Auth => AuthFor("val");

    [Fact]
    public async Task Analyze_NotAnImage_InvalidArgumentNamingTheImage()
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(64), "just some text, not an image"u8.ToArray());
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(request, Auth));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("images[1]", error.Status.Detail);
        Assert.Contains("not a supported image", error.Status.Detail);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal("images[1].content", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Analyze_ElevenImages_InvalidArgument()
    {
        var png = TestImages.ChestPhantomPng(64);
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(Calls.Request(Enumerable.Repeat(png, 11).ToArray()), Auth));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("11 images", error.Status.Detail);
    }

    [Fact]
    public async Task Analyze_NoImages_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(new AnalyzeRequest(), Auth));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Analyze_ImageOverSizeLimit_InvalidArgumentWithLimit()
    {
        var big = new byte[(1024 * 1024) + 10];
        TestImages.ChestPhantomPng(64).CopyTo(big, 0);
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(Calls.Request(big), Auth));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("MAX_IMAGE_SIZE_MB", error.Status.Detail);
    }

    [Fact]
    public async Task Analyze_AbsurdDimensionsInHeader_RejectedBeforeDecoding()
    {
        // A PNG whose IHDR claims 60000×60000 pixels (3.6 gigapixels) in a few hundred bytes.
        var png = TestImages.ChestPhantomPng(64);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 60000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 60000);
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(Calls.Request(png), Auth));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("60000", error.Status.Detail);
    }

    [Fact]
    public async Task Analyze_BadImageId_InvalidArgument_UnknownImageId_NotFound()
    {
        var bad = new AnalyzeRequest();
        bad.Images.Add(new ImageInput { ImageId = "../../etc/passwd" });
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(bad, Auth));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);

        var unknown = new AnalyzeRequest();
        unknown.Images.Add(new ImageInput { ImageId = new string('a', 64) });
        error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(unknown, Auth));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Analyze_AgeOutOfRange_InvalidArgument()
    {
        var request = Calls.Request(TestImages.ChestPhantomPng(64));
        request.ClinicalContext = new ClinicalContext { AgeYears = 300 };
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.AnalyzeAsync(request, Auth));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("age_years", error.Status.Detail);
    }

    [Fact]
    public async Task Upload_OverLimit_InvalidArgument_NothingStored()
    {
        using var call = Client.UploadImage(Auth, DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "big.png" } });
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(new byte[700_000]) });
        var failed = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(new byte[700_000]) });
            await call.RequestStream.CompleteAsync();
            await call;
        });
        var rpc = failed as RpcException ?? (await Assert.ThrowsAsync<RpcException>(async () => await call));
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Server.DataDirectory, "tmp")));
        Assert.False(Directory.Exists(Path.Combine(Server.DataDirectory, "images")) && Directory.EnumerateFiles(Path.Combine(Server.DataDirectory, "images"), "*", SearchOption.AllDirectories).Any());
    }
}
