namespace MedicalImaging.Server.Providers.StructuredOutput;

/// <summary>
/// Takes the JSON out of a model answer wrapped in a Markdown code fence (```json … ```, ``` … ```, ~~~),
/// with or without prose before or after it. Providers without enforced structured output often fence their
/// JSON; the parsers must read it all the same, and an answer that is plain JSON passes through unchanged.
/// </summary>
public static class JsonFences
{
    public static string Strip(string text)
    {
        var trimmed = text.Trim().TrimStart('\uFEFF');
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return trimmed;
        }

        foreach (var fence in new[] { "```", "~~~" })
        {
            var open = trimmed.IndexOf(fence, StringComparison.Ordinal);
            if (open < 0)
            {
                continue;
            }

            // The info string (json, JSON, jsonc…) runs to the end of the opening line.
            var lineEnd = trimmed.IndexOf('\n', open);
            if (lineEnd < 0)
            {
                // One line: ```json {...}```
                var inner = trimmed[(open + fence.Length)..];
                var closeInline = inner.LastIndexOf(fence, StringComparison.Ordinal);
                inner = closeInline >= 0 ? inner[..closeInline] : inner;
                var brace = inner.IndexOfAny(['{', '[']);
                return brace >= 0 ? inner[brace..].Trim() : inner.Trim();
            }

            var body = trimmed[(lineEnd + 1)..];
            var close = body.IndexOf(fence, StringComparison.Ordinal);
            return (close >= 0 ? body[..close] : body).Trim();
        }

        return trimmed;
    }
}
