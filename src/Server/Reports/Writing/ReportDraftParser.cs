using System.Text.Json;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.StructuredOutput;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>Parses a report-writing answer (a Markdown code fence around the JSON is taken off); anything off-schema is an invalid response.</summary>
public static class ReportDraftParser
{
    public static ReportDraft Parse(string? text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "null" : JsonFences.Strip(text));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Invalid($"The report answer is not JSON ({ex.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The report answer is not a JSON object.");
        }

        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0
            ? v.GetString()!.Trim()
            : throw Invalid($"The report answer lacks '{name}'.");
        IReadOnlyList<string> List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!.Trim()).Where(i => i.Length > 0).ToList()
            : throw Invalid($"The report answer lacks the list '{name}'.");

        var word = Text("overall_severity");
        var severity = SeverityNames.Parse(word)
            ?? throw Invalid($"overall_severity '{word}' is not one of normal, mild, moderate, severe, critical.");
        return new ReportDraft(Text("technique"), Text("comparison"), Text("impression"), List("recommendations"), List("limitations"),
            severity, List("key_findings"), List("cited_pmids"));
    }

    private static ProviderException Invalid(string message) => new(new ProviderFailure("invalid_response", false, false, null, message));
}
