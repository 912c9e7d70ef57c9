namespace MedicalImaging.Server.Chat;

/// <summary>A piece of a reply being written, or (last) the complete stored reply.</summary>
public sealed record ChatStreamEvent(string? Delta, ChatTurn? Reply);
