using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests;

/// <summary>Uploads and stored data through a real Kestrel, checked on disk: dedup per user, quota, idle uploads, erasure, file modes.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StoredDataTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    private sealed class Session : IAsyncDisposable
    {
        private readonly GrpcChannel _channel;

        private Session(RunningServer server)
        {
            Server = server;
            _channel = GrpcChannel.ForAddress(server.GrpcAddress);
            Client = new ImagingService.ImagingServiceClient(_channel);
        }

        public RunningServer Server { get; }
        public ImagingService.ImagingServiceClient Client { get; }

        public static async Task<Session> StartAsync(Dictionary<string, string?>? settings = null) =>
            new(await RunningServer.StartAsync(settings ?? new Dictionary<string, string?> { ["CACHE_TTL_MINUTES"] = "0" }));

        public Metadata Auth(string user) => new() { { "authorization", "Bearer " + Server.IssueToken(user) } };

        public async Task<UploadImageResponse> UploadAsync(byte[] bytes, string user)
        {
            using var call = Client.UploadImage(Auth(user), DateTime.UtcNow + Calls.Timeout);
            await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "x.png", SizeBytes = bytes.Length } });
            await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(bytes) });
            await call.RequestStream.CompleteAsync();
            return await call;
        }

        public async Task<Report> AnalyzeAsync(string user, params string[] imageIds)
        {
            var request = new AnalyzeRequest();
            request.Images.AddRange(imageIds.Select(id => new ImageInput { ImageId = id }));
            return await Client.AnalyzeToReportAsync(request, Auth(user));
        }

        public string ImageFile(string imageId) => Path.Combine(Server.DataDirectory, "images", imageId[..2], imageId);

        public string[] TempFiles() => Directory.GetFiles(Path.Combine(Server.DataDirectory, "tmp"));

        public async ValueTask DisposeAsync()
        {
            _channel.Dispose();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Upload_BytesAnotherUserUploaded_NotReportedAsDeduplicated_OwnRepeatIs()
    {
        await using var s = await Session.StartAsync();
        var png = TestImages.ChestPhantomPng(96, seed: 41);

        Assert.False((await s.UploadAsync(png, "alice")).Deduplicated);
        var bob = await s.UploadAsync(png, "bob");
        Assert.False(bob.Deduplicated);
        Assert.True((await s.UploadAsync(png, "bob")).Deduplicated);
        Assert.Single(Directory.GetFiles(Path.Combine(s.Server.DataDirectory, "images"), bob.ImageId, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_OverUserQuota_ResourceExhaustedNamingTheSetting_NothingKept_OtherUsersUnaffected()
    {
        await using var s = await Session.StartAsync(new() { ["USER_STORAGE_QUOTA_MB"] = "1" });
        var random = new Random(7);
        var first = new byte[700 * 1024];
        var second = new byte[700 * 1024];
        random.NextBytes(first);
        random.NextBytes(second);
        await s.UploadAsync(first, "hoarder");

        var error = await Assert.ThrowsAsync<RpcException>(() => s.UploadAsync(second, "hoarder"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("USER_STORAGE_QUOTA_MB", error.Status.Detail, StringComparison.Ordinal);
        Assert.Null(error.GetRpcStatus()!.GetDetail<RetryInfo>()); // waiting does not help; deleting does
        Assert.Empty(s.TempFiles());
        Assert.Single(Directory.GetFiles(Path.Combine(s.Server.DataDirectory, "images"), "*", SearchOption.AllDirectories));
        Assert.True((await s.UploadAsync(first, "hoarder")).Deduplicated); // its own bytes again cost nothing
        Assert.False((await s.UploadAsync(second, "someone-else")).Deduplicated);
    }

    [Fact]
    public async Task Upload_ClientStopsSending_CutOffAfterIdleTimeout_TempFileRemoved()
    {
        await using var s = await Session.StartAsync(new() { ["UPLOAD_IDLE_TIMEOUT_SECONDS"] = "1" });
        using var call = s.Client.UploadImage(s.Auth("stalled"), DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "slow.png", SizeBytes = 1 << 20 } });
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(new byte[64 * 1024]) });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(Calls.Timeout));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("UPLOAD_IDLE_TIMEOUT_SECONDS", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(s.TempFiles());
    }

    [Fact]
    public async Task Start_TempFilesLeftByACrash_Swept()
    {
        var dataDir = Directory.CreateTempSubdirectory("medimg-sweep-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dataDir, "tmp"));
            var leftover = Path.Combine(dataDir, "tmp", "0123456789abcdef");
            await File.WriteAllBytesAsync(leftover, new byte[4096]);

            await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["MEDICAL_IMAGING_DATA_DIR"] = dataDir });

            Assert.False(File.Exists(leftover));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task DeleteReport_ErasesImagesNoOtherReportOfTheUserNames_AndItsHeatmapsFromTheDatabaseFiles()
    {
        await using var s = await Session.StartAsync();
        var shared = await s.UploadAsync(TestImages.ChestPhantomPng(128, seed: 51), "alice");
        var only = await s.UploadAsync(TestImages.ChestPhantomPng(128, seed: 52), "alice");
        await s.UploadAsync(TestImages.ChestPhantomPng(128, seed: 51), "bob"); // bob holds the shared bytes too
        var keeps = await s.AnalyzeAsync("alice", shared.ImageId);
        var erased = await s.AnalyzeAsync("alice", shared.ImageId, only.ImageId);
        var heatmap = (await s.Client.GetHeatmapAsync(new GetHeatmapRequest { ReportId = erased.Id, ImageIndex = 1 }, s.Auth("alice"))).Data.ToByteArray();

        await s.Client.DeleteReportAsync(new DeleteReportRequest { ReportId = erased.Id }, s.Auth("alice"));

        Assert.False(File.Exists(s.ImageFile(only.ImageId)));
        Assert.True(File.Exists(s.ImageFile(shared.ImageId)));
        var probe = heatmap.AsSpan(heatmap.Length / 2, 64).ToArray();
        foreach (var file in Directory.GetFiles(s.Server.DataDirectory, "medimaging.db*"))
        {
            Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(probe) >= 0, $"{Path.GetFileName(file)} still holds the deleted heatmap's bytes");
        }

        await s.Client.DeleteReportAsync(new DeleteReportRequest { ReportId = keeps.Id }, s.Auth("alice"));

        Assert.True(File.Exists(s.ImageFile(shared.ImageId))); // bob's still
        var gone = await Assert.ThrowsAsync<RpcException>(() => s.AnalyzeAsync("alice", shared.ImageId));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.NotNull(await s.AnalyzeAsync("bob", shared.ImageId));
    }

    [Fact]
    public async Task StoredData_DatabaseImagesTempFilesAndFolders_OwnerOnly()
    {
        await using var s = await Session.StartAsync();
        using var call = s.Client.UploadImage(s.Auth("carol"), DateTime.UtcNow + Calls.Timeout);
        var png = TestImages.ChestPhantomPng(128, seed: 61);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "c.png", SizeBytes = png.Length } });
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(png, 0, 1000) });
        var temp = s.TempFiles();
        for (var wait = 0; temp.Length == 0 && wait < 1000; wait++)
        {
            await Task.Delay(20); // the server opens the temp file once it has read the metadata
            temp = s.TempFiles();
        }

        Assert.Equal(Private, File.GetUnixFileMode(Assert.Single(temp)));
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(png, 1000, png.Length - 1000) });
        await call.RequestStream.CompleteAsync();
        var uploaded = await call;
        await s.AnalyzeAsync("carol", uploaded.ImageId);

        var root = s.Server.DataDirectory;
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(root));
        var folders = Directory.GetDirectories(root, "*", SearchOption.AllDirectories);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("medimaging.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(uploaded.ImageId, StringComparison.Ordinal));
        Assert.All(folders, f => Assert.True(File.GetUnixFileMode(f) == PrivateFolder, $"{f} is {File.GetUnixFileMode(f)}"));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f} is {File.GetUnixFileMode(f)}"));
    }
}
