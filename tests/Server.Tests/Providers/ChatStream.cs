using Grpc.Core;
using MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Tests.Providers;

/// <summary>Reading the bidirectional Chat stream, for every chat test: one turn, or one question on a stream of its own.</summary>
internal static class ChatStream
{
    /// <summary>Sends one question on an open stream and reads its deltas up to the final message.</summary>
    public static async Task<(List<string> Deltas, ChatMessage Final)> TurnAsync(AsyncDuplexStreamingCall<ChatRequest, ChatResponse> call, string reportId, string message)
    {
        await call.RequestStream.WriteAsync(new ChatRequest { ReportId = reportId, Message = message });
        var deltas = new List<string>();
        using var timeout = new CancellationTokenSource(Calls.Timeout);
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            var item = call.ResponseStream.Current;
            if (item.EventCase == ChatResponse.EventOneofCase.Delta)
            {
                deltas.Add(item.Delta.Text);
            }
            else
            {
                return (deltas, item.Message);
            }
        }

        throw new InvalidOperationException("The chat stream ended without a final message.");
    }

    /// <summary>Asks one question on a stream of its own; the streamed deltas must add up to the final message.</summary>
    public static async Task<ChatMessage> AskAsync(ChainHarness h, string reportId, string message)
    {
        using var call = h.Client.Chat(h.Auth, DateTime.UtcNow + Calls.Timeout);
        var (deltas, final) = await TurnAsync(call, reportId, message);
        await call.RequestStream.CompleteAsync();
        Assert.Equal(string.Concat(deltas), final.Content);
        return final;
    }
}
