using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MedicalImaging.Dicom;

/// <summary>
/// Decodes lines of one JPEG-LS scan (T.87 Annex A): regular mode with the 365 shared contexts and the median edge
/// predictor, run mode with the two run-interruption contexts and a run index per component. Lines are int samples
/// with one guard sample before and after (T.87 A.2.1 edge rules are kept in the guards).
/// </summary>
internal sealed unsafe partial class JpegLsLineDecoder
{
    private static readonly int[] J = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    private readonly Context[] _contexts = new Context[365];
    private readonly RunContext[] _runContexts = new RunContext[2];
    private readonly int[] _runIndex = new int[4];
    private readonly Vector256<int>[] _thresholds = new Vector256<int>[8];
    private JpegLsParameters _p = null!;

    /// <summary>Starts a scan (or a restart interval): every context back to its initial state.</summary>
    public void Start(JpegLsParameters parameters)
    {
        _p = parameters;
        int[] bounds = [-parameters.T3, -parameters.T2, -parameters.T1, -parameters.Near - 1, parameters.Near, parameters.T1 - 1, parameters.T2 - 1, parameters.T3 - 1];
        for (var t = 0; t < bounds.Length; t++)
        {
            _thresholds[t] = Vector256.Create(bounds[t]);
        }

        for (var i = 0; i < _contexts.Length; i++)
        {
            _contexts[i] = new Context { A = parameters.InitialA, N = 1 };
        }

        _runContexts[0] = new RunContext { A = parameters.InitialA, N = 1 };
        _runContexts[1] = new RunContext { A = parameters.InitialA, N = 1 };
        Array.Clear(_runIndex);
    }

    /// <summary>
    /// Decodes one line of <paramref name="component"/> into <paramref name="current"/>[0..width) given the line above
    /// (<paramref name="previous"/>, all zeros for the first line). Sets the guards T.87 asks for first.
    /// </summary>
    public void DecodeLine(ref JpegLsBits bits, int* previous, int* current, int width, int component)
    {
        previous[width] = previous[width - 1];
        current[-1] = previous[0];
        if (_p.IsMaskable)
        {
            DecodeLine<Lossless>(ref bits, previous, current, width, component);
        }
        else
        {
            DecodeLine<General>(ref bits, previous, current, width, component);
        }

        if (bits.Overrun)
        {
            throw JpegLsHeader.Error(bits.Position, "the scan's data ended before its last line (truncated or corrupt)");
        }
    }

    private void DecodeLine<TMode>(ref JpegLsBits bits, int* previous, int* current, int width, int component)
        where TMode : struct
    {
        var p = _p;
        fixed (sbyte* quantiserBase = p.Quantiser)
        fixed (Context* contexts = _contexts)
        {
            var quantiser = quantiserBase + p.MaxVal;

            // Q1 and Q2 come from the line above only: one pass, off the sample-to-sample dependency chain. The partial
            // context index waits in the current line's slot until the sample replaces it.
            nint i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Q(D) = -4 + the number of thresholds D passes (-T3, -T2, -T1, -NEAR-1, NEAR, T1-1, T2-1, T3-1).
                var thresholds = _thresholds;
                for (; i + 8 <= width; i += 8)
                {
                    var left = Vector256.Load(previous + i - 1);
                    var middle = Vector256.Load(previous + i);
                    var right = Vector256.Load(previous + i + 1);
                    var q1 = Quantise(right - middle, thresholds);
                    var q2 = Quantise(middle - left, thresholds);
                    ((q1 * 9 + q2) * 9).Store(current + i);
                }
            }

            for (; i < width; i++)
            {
                current[i] = (quantiser[previous[i + 1] - previous[i]] * 9 + quantiser[previous[i] - previous[i - 1]]) * 9;
            }

            var maxVal = p.MaxVal;
            var cache = bits.Cache;
            var count = bits.Count;
            var ra = current[-1];
            var above = previous;
            var sample = current;
            var end = current + width;
            while (sample < end)
            {
                var rb = *above;
                var rc = above[-1];
                var qs = *sample + quantiser[rc - ra];
                if (qs == 0)
                {
                    bits.Cache = cache;
                    bits.Count = count;
                    var x = (int)(sample - current);
                    var decoded = DecodeRun(ref bits, previous, current, x, width, component, ra);
                    cache = bits.Cache;
                    count = bits.Count;
                    sample += decoded;
                    above += decoded;
                    ra = sample[-1];
                    continue;
                }

                var sign = qs >> 31;
                var context = contexts + ((qs ^ sign) - sign);

                // Median edge predictor (the median of Ra, Rb and Ra + Rb - Rc, i.e. a clamp), bias-corrected. Its branches
                // predict well; the sign-mask form was measured slower (docs/BENCHMARKS.md).
                var predicted = Math.Min(Math.Max(ra + rb - rc, Math.Min(ra, rb)), Math.Max(ra, rb)) + ((context->C ^ sign) - sign);
                if ((uint)predicted > (uint)maxVal)
                {
                    predicted = predicted < 0 ? 0 : maxVal;
                }

                var a = context->A;
                var n = context->N;
                var k = GolombK(a, n);
                if (count < 32)
                {
                    bits.Cache = cache;
                    bits.Count = count;
                    bits.Fill();
                    cache = bits.Cache;
                    count = bits.Count;
                }

                int mapped;
                var zeros = BitOperations.LeadingZeroCount(cache);
                if (zeros + 1 + k <= count && zeros < p.Escape)
                {
                    mapped = (zeros << k) | (int)((cache << zeros << 1) >> 1 >> (63 - k));
                    cache <<= zeros + 1 + k;
                    count -= zeros + 1 + k;
                }
                else
                {
                    bits.Cache = cache;
                    bits.Count = count;
                    mapped = bits.ReadGolomb(k, p.Limit, p.QuantisedBits);
                    cache = bits.Cache;
                    count = bits.Count;
                }

                if (mapped > p.ErrorBound)
                {
                    throw Corrupt(ref bits);
                }

                var error = Update<TMode>(context, mapped, k, p.Near, p.Reset);
                error = (error ^ sign) - sign;
                ra = typeof(TMode) == typeof(Lossless)
                    ? (predicted + error) & maxVal
                    : Reconstruct(predicted + error * (2 * p.Near + 1), p.Near, p.Range * (2 * p.Near + 1), maxVal);
                *sample++ = ra;
                above++;
            }

            bits.Cache = cache;
            bits.Count = count;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DecodeRun(ref JpegLsBits bits, int* previous, int* current, int x, int width, int component, int ra)
    {
        var index = _runIndex[component];
        var run = RunLength(ref bits, width - x, ref index);
        new Span<int>(current + x, run).Fill(ra);
        if (run == width - x)
        {
            _runIndex[component] = index;
            return run;
        }

        var at = x + run;
        var rb = previous[at];
        var p = _p;
        var type = Math.Abs(ra - rb) <= p.Near ? 1 : 0;
        var error = InterruptionError(ref bits, type, index);
        current[at] = type == 1 ? Reconstruct(ra, error) : Reconstruct(rb, rb >= ra ? error : -error);
        _runIndex[component] = Math.Max(0, index - 1);
        return run + 1;
    }

    /// <summary>The length of a run (T.87 A.7.1): whole segments of 2^J[index] while bits are 1, then J[index] bits.</summary>
    private static int RunLength(ref JpegLsBits bits, int remaining, ref int index)
    {
        var run = 0;
        while (bits.ReadBit() == 1)
        {
            var segment = 1 << J[index];
            var take = Math.Min(segment, remaining - run);
            run += take;
            if (take == segment && index < 31)
            {
                index++;
            }

            if (run == remaining)
            {
                return run;
            }

            if (bits.Overrun)
            {
                throw JpegLsHeader.Error(bits.Position, "the scan's data ended inside a run (truncated or corrupt)");
            }
        }

        run += bits.ReadBits(J[index]);
        if (run > remaining)
        {
            throw JpegLsHeader.Error(bits.Position, "a run is longer than the rest of its line (corrupt data)");
        }

        return run;
    }

    /// <summary>The error of a run-interruption sample (T.87 A.7.2) with its context (RItype 0 or 1) updated.</summary>
    private int InterruptionError(ref JpegLsBits bits, int type, int index)
    {
        var p = _p;
        ref var context = ref _runContexts[type];
        var temp = context.A + ((context.N >> 1) * type);
        var k = GolombK(temp, context.N);
        var mapped = bits.ReadGolomb(k, p.Limit - J[index] - 1, p.QuantisedBits);
        if (mapped > p.ErrorBound)
        {
            throw Corrupt(ref bits);
        }

        var t = mapped + type;
        var map = t & 1;
        var magnitude = (t + map) >> 1;
        var error = (k != 0 || 2 * context.Nn >= context.N) == (map != 0) ? -magnitude : magnitude;
        if (error < 0)
        {
            context.Nn++;
        }

        context.A += (mapped + 1 - type) >> 1;
        if (context.N == p.Reset)
        {
            context.A >>= 1;
            context.N >>= 1;
            context.Nn >>= 1;
        }

        context.N++;
        return error;
    }

    /// <summary>A predicted value plus a (quantised) error, reduced modulo RANGE and clamped.</summary>
    private int Reconstruct(int predicted, int error)
    {
        var p = _p;
        var step = 2 * p.Near + 1;
        return Reconstruct(predicted + error * step, p.Near, p.Range * step, p.MaxVal);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Quantise(Vector256<int> d, Vector256<int>[] thresholds)
    {
        // Each passed threshold is a -1 lane.
        var passed = Vector256.GreaterThan(d, thresholds[0]) + Vector256.GreaterThan(d, thresholds[1])
            + Vector256.GreaterThan(d, thresholds[2]) + Vector256.GreaterThan(d, thresholds[3])
            + Vector256.GreaterThan(d, thresholds[4]) + Vector256.GreaterThan(d, thresholds[5])
            + Vector256.GreaterThan(d, thresholds[6]) + Vector256.GreaterThan(d, thresholds[7]);
        return Vector256.Create(-4) - passed;
    }

    /// <summary>
    /// The error value of a regular-mode sample from its mapped value (T.87 A.5.2, with the k = 0 special mapping), and
    /// the context's update (A.6.1 counters, A.6.2 bias correction). Returns the error in the context's sign domain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Update<TMode>(Context* context, int mapped, int k, int near, int reset)
        where TMode : struct
    {
        var error = (mapped >> 1) ^ -(mapped & 1);
        var a = context->A;
        var b = context->B;
        var n = context->N;
        if ((typeof(TMode) == typeof(Lossless) || near == 0) && k == 0 && 2 * b + n - 1 < 0)
        {
            error = ~error;
        }

        var magnitude = error >> 31;
        a += (error ^ magnitude) - magnitude;
        b += typeof(TMode) == typeof(Lossless) ? error : error * (2 * near + 1);
        if (n == reset)
        {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }

        n++;
        context->A = a;
        context->N = n;
        if (b + n <= 0)
        {
            b += n;
            if (b <= -n)
            {
                b = -n + 1;
            }

            if (context->C > -128)
            {
                context->C--;
            }
        }
        else if (b > 0)
        {
            b -= n;
            if (b > 0)
            {
                b = 0;
            }

            if (context->C < 127)
            {
                context->C++;
            }
        }

        context->B = b;
        return error;
    }

    private static DicomFormatException Corrupt(ref JpegLsBits bits) =>
        JpegLsHeader.Error(bits.Position, "an error value outside the sample range (corrupt data)");

    /// <summary>The smallest k with N·2^k ≥ A, without a loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GolombK(int a, int n)
    {
        var d = BitOperations.Log2((uint)a) - BitOperations.Log2((uint)n);
        if (d <= 0)
        {
            return n >= a ? 0 : 1;
        }

        return (n << d) < a ? d + 1 : d;
    }

    /// <summary>Modular reduction and clamping of a reconstructed sample (T.87 A.4.5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Reconstruct(int value, int near, int wrap, int maxVal)
    {
        if (value < -near)
        {
            value += wrap;
        }
        else if (value > maxVal + near)
        {
            value -= wrap;
        }

        return value < 0 ? 0 : value > maxVal ? maxVal : value;
    }

    private struct Context
    {
        public int A;
        public int B;
        public int C;
        public int N;
    }

    private struct RunContext
    {
        public int A;
        public int N;
        public int Nn;
    }

    private struct Lossless;

    private struct General;
}
