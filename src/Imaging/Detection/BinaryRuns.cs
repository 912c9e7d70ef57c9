namespace MedicalImaging.Imaging.Detection;

/// <summary>Runs of non-zero pixels in one row of a binary image (vectorised search for each run's ends).</summary>
internal static class BinaryRuns
{
    /// <summary>Appends each run [start, end) of non-zero bytes of <paramref name="row"/> to <paramref name="starts"/> and <paramref name="ends"/>; returns how many.</summary>
    public static int Append(ReadOnlySpan<byte> row, List<int> starts, List<int> ends)
    {
        var found = 0;
        var x = 0;
        while (x < row.Length)
        {
            var set = row[x..].IndexOfAnyExcept((byte)0);
            if (set < 0)
            {
                break;
            }

            var start = x + set;
            var clear = row[start..].IndexOf((byte)0);
            x = clear < 0 ? row.Length : start + clear;
            starts.Add(start);
            ends.Add(x);
            found++;
        }

        return found;
    }
}
