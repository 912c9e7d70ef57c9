using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Limits;

/// <summary>
/// RATE_LIMIT_REQUESTS_PER_MINUTE holds for every costly call, not only Analyze (RateLimitTests): the (N+1)th
/// UploadImage, Chat message or SendChatMessage of a user in a minute answers RESOURCE_EXHAUSTED with a RetryInfo.
/// The window's refilling is not tested here: UserRateLimiter uses System.Threading.RateLimiting's sliding window,
/// which reads the wall clock (no TimeProvider) over a fixed one-minute window, so a test would have to sleep a minute.
/// </summary>
public sealed class CostlyCallRateLimitTests() : GrpcServerTestBase(new Dictionary<string, string?> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) })
{
    private const int Limit = 3;

    private static void AssertLimited(RpcException error, string operation)
    {
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains(operation, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("RATE_LIMIT_REQUESTS_PER_MINUTE", error.Status.Detail, StringComparison.Ordinal);
        var retry = error.GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
    }

    private async Task<UploadImageResponse> UploadAsync(byte[] bytes, Metadata auth)
    {
        using var call = Client.UploadImage(auth, DateTime.UtcNow + Calls.Timeout);
        await call.RequestStream.WriteAsync(new UploadImageRequest { Metadata = new UploadImageMetadata { Filename = "u.png", SizeBytes = bytes.Length } });
        await call.RequestStream.WriteAsync(new UploadImageRequest { Chunk = ByteString.CopyFrom(bytes) });
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    [Fact]
    public async Task UploadImage_OverPerUserLimit_ResourceExhaustedWithRetryInfo()
    {
        var auth = AuthFor("uploader");
        for (var i = 0; i < Limit; i++)
        {
            Assert.NotEmpty((await UploadAsync(TestImages.ChestPhantomPng(48, seed: i), auth)).ImageId);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(TestImages.ChestPhantomPng(48, seed: 99), auth));
        AssertLimited(error, "UploadImage");

        // Another user's minute is their own.
        Assert.NotEmpty((await UploadAsync(TestImages.ChestPhantomPng(48, seed: 99), AuthFor("other-uploader"))).ImageId);
    }

    [Fact]
    public async Task SendChatMessage_OverPerUserLimit_ResourceExhaustedWithRetryInfo()
    {
        var auth = AuthFor("asker");
        var report = await Client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(64)), auth); // permit 1
        for (var i = 1; i < Limit; i++)
        {
            var reply = await Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "What did you find?" }, auth);
            Assert.NotEmpty(reply.Reply.Content);
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SendChatMessageAsync(new SendChatMessageRequest { ReportId = report.Id, Message = "And now?" }, auth));
        AssertLimited(error, "SendChatMessage");
    }

    [Fact]
    public async Task Chat_OverPerUserLimit_StreamEndsResourceExhaustedWithRetryInfo()
    {
        var auth = AuthFor("chatter");
        var report = await Client.AnalyzeToReportAsync(Calls.Request(TestImages.ChestPhantomPng(64)), auth); // permit 1
        using var call = Client.Chat(auth, DateTime.UtcNow + Calls.Timeout);
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        for (var i = 1; i < Limit; i++)
        {
            await call.RequestStream.WriteAsync(new ChatRequest { ReportId = report.Id, Message = "Where is it?" });
            ChatResponse? final = null;
            while (final is null && await call.ResponseStream.MoveNext(timeout.Token))
            {
                final = call.ResponseStream.Current.EventCase == ChatResponse.EventOneofCase.Message ? call.ResponseStream.Current : null;
            }

            Assert.NotNull(final);
        }

        await call.RequestStream.WriteAsync(new ChatRequest { ReportId = report.Id, Message = "One more?" });
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });
        AssertLimited(error, "Chat");
    }
}
