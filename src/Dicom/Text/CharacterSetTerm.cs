namespace MedicalImaging.Dicom;

/// <summary>One Defined Term of Specific Character Set and what it maps to.</summary>
/// <param name="CodePage">Code page decoding this set's bytes (-1 for none).</param>
/// <param name="G0">The set designated to G0 (7-bit bytes), when it designates one.</param>
/// <param name="DesignatesG1">True when the set goes to G1 (bytes with the high bit set).</param>
/// <param name="Escape">The escape sequence (without ESC) that designates this set.</param>
internal sealed record CharacterSetTerm(int CodePage, G0Set? G0, bool DesignatesG1, string Escape);
