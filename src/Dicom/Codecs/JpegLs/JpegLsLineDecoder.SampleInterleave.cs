using System.Numerics;

namespace MedicalImaging.Dicom;

/// <summary>
/// Sample-interleaved scans (ILV 2, T.87 A.3, as GDCM writes colour): a line holds whole pixels; each component keeps
/// its own gradients but shares the contexts; run mode needs every component flat, and a run interruption codes each
/// component against Rb with run context 0, as CharLS reads it.
/// </summary>
internal sealed unsafe partial class JpegLsLineDecoder
{
    /// <summary>
    /// Decodes one line of <paramref name="components"/>-sample pixels into <paramref name="current"/> (interleaved, one
    /// guard pixel before and after), given the line above.
    /// </summary>
    public void DecodeInterleavedLine(ref JpegLsBits bits, int* previous, int* current, int width, int components)
    {
        for (var c = 0; c < components; c++)
        {
            previous[width * components + c] = previous[(width - 1) * components + c];
            current[c - components] = previous[c];
        }

        var p = _p;
        var contexts = stackalloc int[4];
        fixed (sbyte* quantiserBase = p.Quantiser)
        {
            var quantiser = quantiserBase + p.MaxVal;
            var x = 0;
            while (x < width)
            {
                var flat = true;
                for (var c = 0; c < components; c++)
                {
                    var at = x * components + c;
                    int ra = current[at - components], rb = previous[at], rc = previous[at - components], rd = previous[at + components];
                    contexts[c] = (quantiser[rd - rb] * 9 + quantiser[rb - rc]) * 9 + quantiser[rc - ra];
                    flat &= contexts[c] == 0;
                }

                if (flat)
                {
                    x += DecodeInterleavedRun(ref bits, previous, current, x, width, components);
                    continue;
                }

                for (var c = 0; c < components; c++)
                {
                    var at = x * components + c;
                    current[at] = DecodeRegular(ref bits, contexts[c], current[at - components], previous[at], previous[at - components]);
                }

                x++;
            }
        }

        if (bits.Overrun)
        {
            throw JpegLsHeader.Error(bits.Position, "the scan's data ended before its last line (truncated or corrupt)");
        }
    }

    private int DecodeInterleavedRun(ref JpegLsBits bits, int* previous, int* current, int x, int width, int components)
    {
        var index = _runIndex[0];
        var run = RunLength(ref bits, width - x, ref index);
        for (var i = 0; i < run; i++)
        {
            new Span<int>(current + (x - 1) * components, components).CopyTo(new Span<int>(current + (x + i) * components, components));
        }

        if (run == width - x)
        {
            _runIndex[0] = index;
            return run;
        }

        var at = (x + run) * components;
        for (var c = 0; c < components; c++)
        {
            var ra = current[(x - 1) * components + c];
            var rb = previous[at + c];
            var error = InterruptionError(ref bits, 0, index);
            current[at + c] = Reconstruct(rb, rb >= ra ? error : -error);
        }

        _runIndex[0] = Math.Max(0, index - 1);
        return run + 1;
    }

    /// <summary>One regular-mode sample (the general path; the single-component loop has its own tuned copy of the reading).</summary>
    private int DecodeRegular(ref JpegLsBits bits, int qs, int ra, int rb, int rc)
    {
        var p = _p;
        var sign = qs >> 31;
        fixed (Context* contexts = _contexts)
        {
            var context = contexts + ((qs ^ sign) - sign);
            var predicted = Math.Min(Math.Max(ra + rb - rc, Math.Min(ra, rb)), Math.Max(ra, rb)) + ((context->C ^ sign) - sign);
            predicted = Math.Clamp(predicted, 0, p.MaxVal);
            var k = GolombK(context->A, context->N);
            if (bits.Count < 32)
            {
                bits.Fill();
            }

            int mapped;
            var zeros = BitOperations.LeadingZeroCount(bits.Cache);
            if (zeros + 1 + k <= bits.Count && zeros < p.Escape)
            {
                mapped = (zeros << k) | (int)((bits.Cache << zeros << 1) >> 1 >> (63 - k));
                bits.Cache <<= zeros + 1 + k;
                bits.Count -= zeros + 1 + k;
            }
            else
            {
                mapped = bits.ReadGolomb(k, p.Limit, p.QuantisedBits);
            }

            if (mapped > p.ErrorBound)
            {
                throw Corrupt(ref bits);
            }

            var error = Update<General>(context, mapped, k, p.Near, p.Reset);
            return Reconstruct(predicted, (error ^ sign) - sign);
        }
    }
}
