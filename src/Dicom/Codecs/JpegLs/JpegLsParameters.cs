using System.Collections.Concurrent;
using System.Globalization;

namespace MedicalImaging.Dicom;

/// <summary>The coding parameters of one scan, derived as T.87 A.2.1 and C.2.4.1.1 say, with the gradient quantiser.</summary>
internal sealed class JpegLsParameters
{
    private static readonly ConcurrentDictionary<(int, int, int, int, int), sbyte[]> Quantisers = new();

    private JpegLsParameters(int full, int maxVal, int near, int t1, int t2, int t3, int reset)
    {
        MaxVal = maxVal;
        Near = near;
        T1 = t1;
        T2 = t2;
        T3 = t3;
        Reset = reset;
        Range = (full + 2 * near) / (2 * near + 1) + 1;
        QuantisedBits = Log2Ceiling(Range);
        var bpp = Math.Max(2, Log2Ceiling(full + 1));
        Limit = 2 * (bpp + Math.Max(8, bpp));
        InitialA = Math.Max(2, (Range + 32) / 64);
        Quantiser = Quantisers.GetOrAdd((maxVal, near, t1, t2, t3), static k => BuildQuantiser(k.Item1, k.Item2, k.Item3, k.Item4, k.Item5));
    }

    public int MaxVal { get; }

    public int Near { get; }

    public int T1 { get; }

    public int T2 { get; }

    public int T3 { get; }

    public int Reset { get; }

    public int Range { get; }

    public int QuantisedBits { get; }

    public int Limit { get; }

    public int InitialA { get; }

    /// <summary>The largest mapped error value a valid stream holds (2·RANGE); above it the data are corrupt.</summary>
    public int ErrorBound => 2 * Range;

    /// <summary>Unary length that announces an escape: LIMIT - qbpp - 1.</summary>
    public int Escape => Limit - QuantisedBits - 1;

    /// <summary>Q(D) for D in [-MAXVAL, MAXVAL], indexed by D + MAXVAL.</summary>
    public sbyte[] Quantiser { get; }

    /// <summary>True when reconstruction is a mask: lossless and MAXVAL + 1 a power of two.</summary>
    public bool IsMaskable => Near == 0 && Range == MaxVal + 1;

    /// <remarks>
    /// A preset MAXVAL below 2^P - 1 is read as CharLS (and dcmtk, which writes P=16 with MAXVAL=4095 for 12-bit data)
    /// read it, so their files decode identically: with the default RESET (64) it is ignored; otherwise it bounds
    /// samples and sets the default thresholds while RANGE, qbpp and LIMIT stay those of P bits.
    /// </remarks>
    public static JpegLsParameters For(int precision, JpegLsPresets presets, int near, int at)
    {
        var full = (1 << precision) - 1;
        var reset = presets.Reset != 0 ? presets.Reset : 64;
        var maxVal = reset == 64 || presets.MaxVal == 0 ? full : presets.MaxVal;
        if (maxVal >= 1 << precision)
        {
            throw JpegLsHeader.Error(at, string.Create(CultureInfo.InvariantCulture, $"LSE MAXVAL {maxVal} does not fit {precision} bits"));
        }

        if (near > Math.Min(255, maxVal / 2))
        {
            throw JpegLsHeader.Error(at, string.Create(CultureInfo.InvariantCulture, $"NEAR {near} is larger than MAXVAL/2 ({maxVal / 2})"));
        }

        int t1, t2, t3;
        const int basicT1 = 3, basicT2 = 7, basicT3 = 21;
        if (maxVal >= 128)
        {
            var factor = (Math.Min(maxVal, 4095) + 128) / 256;
            t1 = Clamp(factor * (basicT1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = Clamp(factor * (basicT2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = Clamp(factor * (basicT3 - 4) + 4 + 7 * near, t2, maxVal);
        }
        else
        {
            var factor = 256 / (maxVal + 1);
            t1 = Clamp(Math.Max(2, basicT1 / factor + 3 * near), near + 1, maxVal);
            t2 = Clamp(Math.Max(3, basicT2 / factor + 5 * near), t1, maxVal);
            t3 = Clamp(Math.Max(4, basicT3 / factor + 7 * near), t2, maxVal);
        }

        t1 = presets.T1 != 0 ? presets.T1 : t1;
        t2 = presets.T2 != 0 ? presets.T2 : t2;
        t3 = presets.T3 != 0 ? presets.T3 : t3;
        if (t1 < near + 1 || t2 < t1 || t3 < t2 || t3 > maxVal || reset < 3 || reset > Math.Max(255, maxVal))
        {
            throw JpegLsHeader.Error(at, string.Create(CultureInfo.InvariantCulture,
                $"LSE thresholds T1={t1} T2={t2} T3={t3} RESET={reset} are invalid for MAXVAL {maxVal}, NEAR {near}"));
        }

        return new JpegLsParameters(full, maxVal, near, t1, t2, t3, reset);
    }

    private static int Clamp(int i, int j, int maxVal) => i > maxVal || i < j ? j : i;

    private static int Log2Ceiling(int n)
    {
        var bits = 0;
        while ((1 << bits) < n)
        {
            bits++;
        }

        return bits;
    }

    private static sbyte[] BuildQuantiser(int maxVal, int near, int t1, int t2, int t3)
    {
        var lut = new sbyte[2 * maxVal + 1];
        for (var d = -maxVal; d <= maxVal; d++)
        {
            lut[d + maxVal] = d switch
            {
                _ when d <= -t3 => -4,
                _ when d <= -t2 => -3,
                _ when d <= -t1 => -2,
                _ when d < -near => -1,
                _ when d <= near => 0,
                _ when d < t1 => 1,
                _ when d < t2 => 2,
                _ when d < t3 => 3,
                _ => 4,
            };
        }

        return lut;
    }
}
