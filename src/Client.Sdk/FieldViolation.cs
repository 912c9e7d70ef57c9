namespace MedicalImaging.Client;

/// <summary>One wrong request field.</summary>
/// <param name="Field">The field path, e.g. images[1].content.</param>
/// <param name="Description">What is wrong with it.</param>
public sealed record FieldViolation(string Field, string Description);
