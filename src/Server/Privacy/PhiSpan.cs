namespace MedicalImaging.Server.Privacy;

/// <summary>A span of text the detector takes for protected health information.</summary>
public readonly record struct PhiSpan(int Start, int Length, PhiKind Kind)
{
    public int End => Start + Length;
}
