namespace MedicalImaging.Client;

/// <summary>A piece of a chat reply, or (last) the complete reply.</summary>
/// <param name="Delta">The next text, or null on the final event.</param>
/// <param name="Reply">The complete reply, on the final event.</param>
public sealed record ChatUpdate(string? Delta, ChatReply? Reply);
