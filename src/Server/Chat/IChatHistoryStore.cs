namespace MedicalImaging.Server.Chat;

/// <summary>Chat history, kept per report and user.</summary>
public interface IChatHistoryStore
{
    /// <summary>The last <paramref name="limit"/> messages of the owner about the report, oldest first.</summary>
    Task<IReadOnlyList<ChatTurn>> GetRecentAsync(string ownerId, string reportId, int limit, CancellationToken cancellationToken);

    /// <summary>Appends messages in order, in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<ChatTurn> turns, CancellationToken cancellationToken);

    /// <summary>Deletes the owner's history of a report (when the report is deleted).</summary>
    Task DeleteAsync(string ownerId, string reportId, CancellationToken cancellationToken);
}
