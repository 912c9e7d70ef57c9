using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Prompts;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>
/// Asks the provider that made the findings to write the narrative sections (JSON schema), through
/// that provider's resilience pipeline. Sees only findings, scrubbed context and the search results.
/// </summary>
public sealed class AiReportWriter
{
    private readonly ProviderRoster _roster;
    private readonly TimeProvider _time;

    public AiReportWriter(ProviderRoster roster, TimeProvider time)
    {
        _roster = roster;
        _time = time;
    }

    public static Prompt Prompt => PromptLibrary.Get("report-v1");

    /// <summary>The draft, or null when the provider failed (the attempt is recorded either way).</summary>
    public async Task<ReportDraft?> WriteAsync(AnalysisState state, IReadOnlyList<string>? feedback, List<ProviderAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        var provider = _roster.External.FirstOrDefault(p => p.Name == state.Vision!.Provider);
        if (provider is null)
        {
            return null;
        }

        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Prompt.Text),
            new(ChatRole.User, Describe(state, feedback)),
        };
        var options = new ChatOptions
        {
            Temperature = 0.1f,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ReportSchema.Schema, ReportSchema.Name, "A structured radiology report"),
        };
        try
        {
            return await provider.Pipeline.ExecuteAsync(async token =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var response = await provider.Client.GetResponseAsync(messages, options, token);
                    var draft = ReportDraftParser.Parse(response.Text);
                    attempts.Add(new ProviderAttemptRecord(provider.Name, provider.Model, "success", Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, null, "report"));
                    return draft;
                }
                catch (Exception ex)
                {
                    var failure = FailureClassifier.Classify(ex, _time);
                    provider.HoldOpenAfter(failure);
                    attempts.Add(new ProviderAttemptRecord(provider.Name, provider.Model, failure.Outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 0, failure.Message, "report"));
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string Describe(AnalysisState state, IReadOnlyList<string>? feedback)
    {
        var text = new StringBuilder();
        var context = state.DeidentifiedContext;
        text.AppendLine("Clinical context: " + (context is null || context.IsEmpty ? "none given"
            : string.Join("; ", new[]
            {
                context.AgeYears is { } a ? $"{a} years" : null, context.Sex, context.Indication is null ? null : "indication: " + context.Indication,
                context.ClinicalQuestion is null ? null : "question: " + context.ClinicalQuestion,
                context.Symptoms.Count == 0 ? null : "symptoms: " + string.Join(", ", context.Symptoms),
            }.Where(p => p is not null))));
        text.AppendLine("Images: " + string.Join("; ", state.Images.Select(i => $"{i.Decoded!.Metadata.Modality} {i.Decoded.Metadata.BodyPart}".Trim())));
        text.AppendLine("Findings:");
        foreach (var f in state.Vision!.Findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{f.Id}] {f.Anatomy}: {f.Description} (severity {f.Severity.ToString().ToLowerInvariant()}, confidence {f.Confidence:0.00})");
        }

        text.AppendLine("Literature:");
        foreach (var c in state.Citations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"PMID {c.Pmid}: {c.Title} ({c.Journal}, {c.Year})");
        }

        if (state.Citations.Count == 0)
        {
            text.AppendLine(state.LiteratureStatus == "unavailable" ? "(literature search unavailable)" : "(none)");
        }

        if (feedback is { Count: > 0 })
        {
            text.AppendLine().AppendLine("A quality review of your previous draft found these problems; fix them:");
            foreach (var item in feedback)
            {
                text.AppendLine("- " + item);
            }
        }

        return text.ToString();
    }
}
