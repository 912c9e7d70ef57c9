using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Tests.Storage;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>RATE_LIMIT_REQUESTS_PER_MINUTE counted in NATS KV: the permits of one user are shared by every replica.</summary>
[Collection(Neo4jCollection.Name)]
public sealed class ClusterRateLimitTests
{
    private const int Limit = 3;

    [Fact]
    public async Task UploadImage_PermitsSpentOnReplicaA_NextCallOnReplicaB_ResourceExhausted_OtherUserUnaffected()
    {
        var cluster = ClusterReplicas.Settings(NatsTestServer.NewPrefix());
        var limited = new Dictionary<string, string> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using var a = await RunningServer.StartAsync(ClusterReplicas.With(cluster, limited));
        await using var b = await RunningServer.StartAsync(ClusterReplicas.With(cluster, limited));
        using var channelA = GrpcChannel.ForAddress(a.GrpcAddress);
        using var channelB = GrpcChannel.ForAddress(b.GrpcAddress);
        var clientA = new ImagingService.ImagingServiceClient(channelA);
        var clientB = new ImagingService.ImagingServiceClient(channelB);
        var user = "cluster-limit-" + Guid.NewGuid().ToString("N");
        var auth = new Metadata { { "authorization", "Bearer " + a.IssueToken(user) } };
        var image = TestImages.ChestPhantomPng(32, seed: 161);

        await UploadAsync(clientA, image, auth);
        await UploadAsync(clientB, image, auth);
        await UploadAsync(clientA, image, auth);
        // Each replica alone granted at most two: only a shared count refuses the fourth.
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(clientB, image, auth));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("UploadImage", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("RATE_LIMIT_REQUESTS_PER_MINUTE", error.Status.Detail, StringComparison.Ordinal);
        var retry = error.GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(clientA, image, auth));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);

        var other = new Metadata { { "authorization", "Bearer " + b.IssueToken(user + "-other") } };
        Assert.Equal(image.Length, (await UploadAsync(clientB, image, other)).SizeBytes);
    }

    private static async Task<UploadImageResponse> UploadAsync(ImagingService.ImagingServiceClient client, byte[] bytes, Metadata auth)
    {
        using var call = client.UploadImage(auth, DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "u.png", SizeBytes = bytes.Length } });
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(bytes) });
        await call.RequestStream.CompleteAsync();
        return await call;
    }
}
