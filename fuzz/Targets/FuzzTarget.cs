namespace MedicalImaging.Fuzz.Targets;

/// <summary>
/// One fuzzed entry point. <see cref="Run"/> swallows the exceptions the code under test documents for bad input
/// (a clean refusal); anything else escapes and is a finding, as is a hang.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name scripts/fuzz.sh and fuzz/corpus/&lt;name&gt;/ use.</summary>
    public abstract string Name { get; }

    /// <summary>Feeds one input; returns normally for a decode or a documented refusal.</summary>
    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            Execute(input);
        }
        catch (Exception ex) when (IsDocumented(ex))
        {
        }
    }

    /// <summary>The exceptions this target's code promises for bad input.</summary>
    protected abstract bool IsDocumented(Exception exception);

    /// <summary>Calls the code under test.</summary>
    protected abstract void Execute(ReadOnlySpan<byte> input);
}
