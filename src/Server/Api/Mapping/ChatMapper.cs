using Google.Protobuf.WellKnownTypes;
using MedicalImaging.Server.Chat;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>Chat events and messages → contract.</summary>
public static class ChatMapper
{
    public static V1.ChatResponse ToContract(ChatStreamEvent item) =>
        item.Reply is { } reply
            ? new V1.ChatResponse { Message = ToContract(reply) }
            : new V1.ChatResponse { Delta = new V1.ChatDelta { Text = item.Delta ?? string.Empty } };

    public static V1.ChatMessage ToContract(ChatTurn turn)
    {
        var message = new V1.ChatMessage
        {
            Id = turn.Id,
            Role = turn.Role == "user" ? V1.ChatRole.User : V1.ChatRole.Assistant,
            Content = turn.Content,
            Provider = turn.Provider ?? string.Empty,
            CreatedAt = Timestamp.FromDateTimeOffset(turn.CreatedAt),
            Model = turn.Model ?? string.Empty,
            UnverifiedReferencesRemoved = turn.UnverifiedReferencesRemoved,
        };
        message.CitedPmids.AddRange(turn.CitedPmids);
        message.FindingIds.AddRange(turn.FindingIds);
        return message;
    }
}
