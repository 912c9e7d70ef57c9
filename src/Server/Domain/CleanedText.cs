namespace MedicalImaging.Server.Domain;

/// <summary>Text after <see cref="ReferenceHygiene"/>, and how many unverified references it lost.</summary>
public sealed record CleanedText(string Text, int Removed);
