namespace MedicalImaging.Imaging.Detection;

/// <summary>Robust noise σ of a sample: 1.4826 × its median absolute deviation, by selection (O(n)) rather than sorting.</summary>
internal static class RobustSpread
{
    /// <summary>1.4826 × the median absolute deviation of <paramref name="values"/> (the upper median for an even
    /// count); reorders and overwrites <paramref name="values"/>.</summary>
    public static double Sigma(Span<float> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var median = Select(values, values.Length / 2);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        return 1.4826 * Select(values, values.Length / 2);
    }

    /// <summary>The <paramref name="k"/>-th smallest of <paramref name="values"/> (Hoare's quickselect with a median-of-three pivot; reorders them).</summary>
    internal static float Select(Span<float> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (right > left)
        {
            var middle = left + ((right - left) >> 1);
            float a = values[left], b = values[middle], c = values[right];
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
