using MedicalImaging.Server.Domain;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// What an operation gives one provider of the chain: a request to send, a recorded reason to skip this provider
/// (nothing fits its budget), or a recorded reason to stop the walk (pixels that could not be checked go to no one).
/// </summary>
public sealed class ChainStep
{
    private ChainStep(
        Func<IList<ChatMessage>>? messages, Func<ChatOptions?>? options, ProviderAttemptRecord? record, bool stop,
        Func<ProviderAttemptRecord, ProviderAttemptRecord>? describe = null)
    {
        Describe = describe ?? (attempt => attempt);
        Messages = messages;
        Options = options;
        Record = record;
        Stop = stop;
    }

    /// <summary>Fresh message objects for one attempt (each attempt gets its own); null when skipped or stopped.</summary>
    public Func<IList<ChatMessage>>? Messages { get; }

    /// <summary>Fresh options for one attempt; null when skipped or stopped.</summary>
    public Func<ChatOptions?>? Options { get; }

    /// <summary>Why this provider is not called (skip or stop), for provenance.</summary>
    public ProviderAttemptRecord? Record { get; }

    /// <summary>True when no further provider may be called either.</summary>
    public bool Stop { get; }

    /// <summary>Adds what this request carried (the images sent) to each attempt record; identity by default.</summary>
    public Func<ProviderAttemptRecord, ProviderAttemptRecord> Describe { get; }

    /// <param name="messages">Fresh message objects for each attempt.</param>
    /// <param name="options">Fresh options for each attempt.</param>
    /// <param name="describe">Adds what the request carried to each attempt record (vision: the images sent).</param>
    public static ChainStep Send(
        Func<IList<ChatMessage>> messages, Func<ChatOptions?> options, Func<ProviderAttemptRecord, ProviderAttemptRecord>? describe = null) =>
        new(messages, options, null, false, describe);

    public static ChainStep Skip(ProviderAttemptRecord record) => new(null, null, record, false);

    public static ChainStep Halt(ProviderAttemptRecord record) => new(null, null, record, true);
}
