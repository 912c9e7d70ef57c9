using System.Text.Json;
using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Providers.Chain;
using MedicalImaging.Server.Providers.StructuredOutput;

namespace MedicalImaging.Server.Providers.Vision;

/// <summary>
/// Parses and checks a provider's answer. Malformed JSON, an answer that breaks the schema, or one that
/// does not describe every image it was shown (it ignored the image) is an invalid response.
/// </summary>
public static class VisionResponseParser
{
    private const int MinimumDescriptionLength = 10;

    public static IReadOnlyList<ReportFinding> Parse(string? text, int imageCount, string provider)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid("The provider answered with no content.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(JsonFences.Strip(text));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Invalid($"The provider's answer is not JSON ({ex.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("The provider's answer does not match the schema: 'images' and 'findings' arrays are required.");
        }

        var described = new HashSet<int>();
        foreach (var image in images.EnumerateArray())
        {
            if (image.TryGetProperty("index", out var index) && index.TryGetInt32(out var i)
                && image.TryGetProperty("description", out var description) && description.GetString() is { Length: >= MinimumDescriptionLength })
            {
                described.Add(i);
            }
        }

        var missing = Enumerable.Range(0, imageCount).Where(i => !described.Contains(i)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid($"The provider did not describe image(s) {string.Join(", ", missing)}: the answer ignored the image.");
        }

        var result = new List<ReportFinding>();
        foreach (var finding in findings.EnumerateArray())
        {
            result.Add(ParseFinding(finding, result.Count + 1, imageCount, provider));
        }

        return result;
    }

    private static ReportFinding ParseFinding(JsonElement finding, int number, int imageCount, string provider)
    {
        string Text(string name) =>
            finding.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()!.Trim()
                : throw Invalid($"Finding {number} lacks '{name}'.");

        var word = Text("severity");
        var severity = SeverityNames.Parse(word)
            ?? throw Invalid($"Finding {number} has severity '{word}', not one of normal, mild, moderate, severe, critical.");
        if (!finding.TryGetProperty("confidence", out var c) || !c.TryGetDouble(out var confidence) || confidence is < 0 or > 1)
        {
            throw Invalid($"Finding {number} needs a confidence between 0 and 1.");
        }

        if (!finding.TryGetProperty("image_index", out var ii) || !ii.TryGetInt32(out var imageIndex) || imageIndex < 0 || imageIndex >= imageCount)
        {
            throw Invalid($"Finding {number} refers to an image that was not sent.");
        }

        NormalizedBox? region = null;
        if (finding.TryGetProperty("bounding_box", out var box) && box.ValueKind == JsonValueKind.Object)
        {
            double Coordinate(string name) =>
                box.TryGetProperty(name, out var v) && v.TryGetDouble(out var d) && d is >= 0 and <= 1
                    ? d
                    : throw Invalid($"Finding {number} has a bounding_box.{name} outside 0..1.");
            region = new NormalizedBox(Coordinate("x"), Coordinate("y"), Coordinate("width"), Coordinate("height"));
        }

        return new ReportFinding($"f{number}", Text("description"), Text("anatomy"), severity, confidence, imageIndex, region, provider);
    }

    private static ProviderException Invalid(string message) => new(new ProviderFailure("invalid_response", false, false, null, message));
}
