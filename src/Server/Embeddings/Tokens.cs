namespace MedicalImaging.Server.Embeddings;

/// <summary>Splits text into word tokens: runs of letters and digits (the way GloVe's corpora were tokenised).</summary>
public static class Tokens
{
    /// <summary>Where each word is in <paramref name="text"/> (no strings allocated).</summary>
    public static IEnumerable<Range> WordRanges(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return start..i;
                start = -1;
            }
        }
    }

    /// <summary>The words of <paramref name="text"/>, lower-cased.</summary>
    public static IEnumerable<string> Words(string text) => WordRanges(text).Select(r => text[r].ToLowerInvariant());
}
