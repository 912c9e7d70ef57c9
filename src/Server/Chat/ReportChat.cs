using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Local;
using MedicalImaging.Server.Providers.Prompts;
using MedicalImaging.Server.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace MedicalImaging.Server.Chat;

/// <summary>
/// Chat about a report, grounded in its findings, citations and the user's similar cases; history is
/// kept per report and user. Replies stream from the provider chain; when a provider fails mid-stream
/// the next one continues the same reply (nothing already sent is lost or repeated); `local` answers
/// from the report itself when no AI provider can.
/// </summary>
public sealed class ReportChat
{
    public const int MaxMessageLength = 4000;
    private const int HistoryTurns = 20;
    private readonly IChatReports _reports;
    private readonly IChatHistoryStore _history;
    private readonly ProviderChain _chain;
    private readonly TimeProvider _time;
    private readonly EgressGuard _guard;

    public ReportChat(IChatReports reports, IChatHistoryStore history, ProviderChain chain, TimeProvider time, EgressGuard guard)
    {
        _guard = guard;
        _reports = reports;
        _history = history;
        _chain = chain;
        _time = time;
    }

    public async IAsyncEnumerable<ChatStreamEvent> ReplyAsync(string ownerId, string reportId, string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new InvalidRequestException("message", "The chat message is empty.");
        }

        if (message.Length > MaxMessageLength)
        {
            throw new InvalidRequestException("message", $"The chat message is {message.Length} characters; at most {MaxMessageLength} are accepted.");
        }

        var report = await _reports.GetAsync(ownerId, reportId, cancellationToken);
        // A report whose embedding is still pending (the embeddings endpoint failed; it is embedded at the next start) is
        // discussed all the same: without similar cases, and the grounding says why.
        var similar = _reports.HasEmbedding(ownerId, reportId)
            ? await _reports.FindSimilarAsync(ownerId, reportId, 3, null, null, 0.2, cancellationToken)
            : null;
        var history = await _history.GetRecentAsync(ownerId, reportId, HistoryTurns, cancellationToken);
        var prompt = PromptLibrary.Get("chat-v2");
        var known = ChatGrounding.KnownIdentifiers(report);
        var conversation = new List<AiChatMessage>
        {
            new(AiChatRole.System, prompt.Text + "\n\n" + ChatGrounding.Describe(report, similar ?? [], _guard, known)
                + (similar is null ? "\n\n" + ChatGrounding.SimilarCasesPendingNote : string.Empty)),
        };
        // What the user typed is data: redacted, and in a section the prompt says never to follow. Past replies are redacted too.
        conversation.AddRange(history.Select(t => t.Role == "user"
            ? new AiChatMessage(AiChatRole.User, EgressGuard.DataSection(_guard.Redact(t.Content, known)))
            : new AiChatMessage(AiChatRole.Assistant, _guard.Redact(t.Content, known))));
        conversation.Add(new AiChatMessage(AiChatRole.User, EgressGuard.DataSection(_guard.Redact(message.Trim(), known))));

        var reply = new StringBuilder();
        var outcome = new ChainStreamOutcome();
        var attempts = new List<ProviderAttemptRecord>();

        ChainStep Prepare(ExternalProvider provider, string sentSoFar) => ChainStep.Send(
            () =>
            {
                var messages = new List<AiChatMessage>(conversation);
                if (sentSoFar.Length > 0)
                {
                    // Continue the reply another provider started, so what the client already has stays valid.
                    messages.Add(new AiChatMessage(AiChatRole.Assistant, _guard.Redact(sentSoFar, known)));
                    messages.Add(new AiChatMessage(AiChatRole.User, "Continue your previous answer exactly where it stopped, without repeating it."));
                }

                return messages;
            },
            () => new ChatOptions { Temperature = provider.Profile.Temperature is null ? null : 0.2f });

        await foreach (var delta in _chain.StreamAsync(ProviderOperation.Chat, known, Prepare, outcome, attempts, cancellationToken))
        {
            reply.Append(delta);
            yield return new ChatStreamEvent(delta, null);
        }

        var answeredBy = outcome.Provider;
        var answeredModel = outcome.Model;
        if (answeredBy is null)
        {
            if (!_chain.LocalInChain)
            {
                throw new ProvidersUnavailableException("No AI provider could answer the chat message and 'local' is not in AI_PROVIDER_ORDER.", TimeSpan.FromSeconds(10));
            }

            var local = LocalAnswer(report, reply.Length > 0, similarUnavailable: similar is null);
            reply.Append(local);
            answeredBy = LocalVisionAnalyzer.ProviderName;
            answeredModel = LocalVisionAnalyzer.ProviderName;
            yield return new ChatStreamEvent(local, null);
        }

        var now = _time.GetUtcNow();
        var cleaned = ReferenceHygiene.Clean(reply.ToString(), report.Citations);
        var text = cleaned.Text;
        var user = new ChatTurn(IdGenerator.New("msg"), reportId, ownerId, "user", message.Trim(), [], [], null, now);
        var assistant = new ChatTurn(
            IdGenerator.New("msg"), reportId, ownerId, "assistant", text,
            report.Citations.Select(c => c.Pmid).Where(p => text.Contains(p, StringComparison.Ordinal)).ToList(),
            report.Findings.Select(f => f.Id).Where(id => Regex.IsMatch(text, $@"\b{Regex.Escape(id)}\b")).ToList(),
            answeredBy,
            now,
            answeredModel,
            cleaned.Removed);
        await _history.AppendAsync([user, assistant], CancellationToken.None);
        yield return new ChatStreamEvent(null, assistant);
    }

    private static string LocalAnswer(MedicalReport report, bool continuing, bool similarUnavailable)
    {
        var text = new StringBuilder();
        // A reply an AI provider began and none could finish is never stored as if it were complete: say it was cut off.
        text.Append(continuing ? " [The AI reply above was cut off before it finished.] " : string.Empty)
            .Append("No AI provider is available to discuss this report, so here is what the report itself says. ")
            .Append("Impression: ").Append(report.Impression);
        if (report.Findings.Count > 0)
        {
            text.Append(" Findings: ").AppendJoin("; ", report.Findings.Select(f => $"[{f.Id}] {f.Anatomy}: {f.Description}")).Append('.');
        }

        if (similarUnavailable)
        {
            text.Append(' ').Append(ChatGrounding.SimilarCasesPending);
        }

        text.Append(" Please ask a radiologist for interpretation.");
        return text.ToString();
    }

}
