using System.Globalization;
using System.Text;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.Prompts;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>
/// Has the narrative sections written (JSON schema) through the <see cref="ProviderChain"/>: the provider that made
/// the findings is asked first, then the rest of the chain in order, each through its own resilience pipeline. Sees
/// only findings, scrubbed context and the search results.
/// </summary>
public sealed class AiReportWriter
{
    private readonly ProviderChain _chain;
    private readonly EgressGuard _guard;

    public AiReportWriter(ProviderChain chain, EgressGuard guard)
    {
        _chain = chain;
        _guard = guard;
    }

    public static Prompt Prompt => PromptLibrary.Get("report-v2");

    /// <summary>The draft, or null when every provider failed (each attempt is recorded either way).</summary>
    public async Task<ReportDraft?> WriteAsync(ReportDraftInput input, IReadOnlyList<string>? feedback, List<ProviderAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = Describe(input, feedback);
        var answer = await _chain.CallAsync(
            ProviderOperation.Report, _chain.StartingWith(input.VisionProvider), input.Known,
            provider => ChainStep.Send(() => [new ChatMessage(ChatRole.System, Prompt.Text), new ChatMessage(ChatRole.User, text)], () => Options(provider)),
            (_, response) => ReportDraftParser.Parse(response.Text),
            attempts, cancellationToken);
        return answer?.Value;
    }

    /// <summary>As the provider's profile allows: no temperature for Gemini 3, its structured-output mode (strict set on the wire).</summary>
    private static ChatOptions Options(ExternalProvider provider) => new()
    {
        Temperature = provider.Profile.Temperature is { } t ? (float)t : null,
        ResponseFormat = provider.Profile.StructuredOutput switch
        {
            Providers.Profiles.StructuredOutputMode.JsonObject => ChatResponseFormat.Json,
            Providers.Profiles.StructuredOutputMode.None => null,
            _ => ChatResponseFormat.ForJsonSchema(ReportSchema.Schema, ReportSchema.Name, "A structured radiology report"),
        },
    };

    /// <summary>
    /// The user message: everything that did not come from this server's own code (clinical context, the vision
    /// model's findings, article titles, review feedback quoting findings) is redacted by the egress guard and
    /// sits in a data section; of the DICOM header only coded values are named.
    /// </summary>
    private string Describe(ReportDraftInput input, IReadOnlyList<string>? feedback)
    {
        var known = input.Known;
        var data = new StringBuilder();
        var context = input.Context;
        data.AppendLine("Clinical context: " + (context is null || context.IsEmpty ? "none given"
            : string.Join("; ", new[]
            {
                context.AgeYears is { } a ? EgressGuard.Age(a) : null, context.Sex, context.Indication is null ? null : "indication: " + context.Indication,
                context.ClinicalQuestion is null ? null : "question: " + context.ClinicalQuestion,
                context.Symptoms.Count == 0 ? null : "symptoms: " + string.Join(", ", context.Symptoms),
            }.Where(p => p is not null))));
        data.AppendLine("Images: " + string.Join("; ", input.Images));
        data.AppendLine("Findings:");
        foreach (var f in input.Findings)
        {
            data.AppendLine(CultureInfo.InvariantCulture,
                $"[{f.Id}] {_guard.Redact(f.Anatomy, known)}: {_guard.Redact(f.Description, known)} (severity {f.Severity.ToString().ToLowerInvariant()}, confidence {f.Confidence:0.00})");
        }

        data.AppendLine("Literature:");
        foreach (var c in input.Citations)
        {
            data.AppendLine(CultureInfo.InvariantCulture, $"PMID {c.Pmid}: {EgressGuard.RedactKnown(c.Title, known)} ({EgressGuard.RedactKnown(c.Journal, known)}, {c.Year})");
        }

        if (input.Citations.Count == 0)
        {
            data.AppendLine(input.LiteratureStatus == "unavailable" ? "(literature search unavailable)" : "(none)");
        }

        var text = new StringBuilder(EgressGuard.DataSection(data.ToString())).AppendLine();
        // Feedback is this server's own wording around finding ids and PMIDs: only known identifiers are taken out.
        if (feedback is { Count: > 0 })
        {
            text.AppendLine().AppendLine("A quality review of your previous draft found these problems; fix them:");
            text.AppendLine(EgressGuard.DataSection(string.Join('\n', feedback.Select(item => "- " + EgressGuard.RedactKnown(item, known)))));
        }

        return text.ToString();
    }
}
