namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>A CT display window in Hounsfield units (DICOM VOI window centre and width).</summary>
/// <param name="Name">Preset name (lung, mediastinum, bone, brain, abdomen, liver).</param>
/// <param name="Center">Window centre (level), HU.</param>
/// <param name="Width">Window width, HU (≥ 1).</param>
public sealed record WindowPreset(string Name, double Center, double Width)
{
    /// <summary>"lung C-600/W1500": how the window is written in provenance.</summary>
    public override string ToString() =>
        $"{Name} C{Common.Invariant.F(Center, 0)}/W{Common.Invariant.F(Width, 0)}";
}
