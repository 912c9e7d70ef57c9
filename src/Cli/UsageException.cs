namespace MedicalImaging.Cli;

/// <summary>The command line itself is wrong (exit <see cref="ExitCodes.Usage"/>).</summary>
public sealed class UsageException(string message) : Exception(message);
