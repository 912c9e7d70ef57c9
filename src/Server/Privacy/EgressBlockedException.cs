namespace MedicalImaging.Server.Privacy;

/// <summary>
/// An outbound body still held a known identifier after redaction, so the call was not made. The message
/// names the destination and purpose, never the identifier.
/// </summary>
public sealed class EgressBlockedException(string destination, string purpose)
    : Exception($"The privacy guard refused the {purpose} call to {destination}: a known patient identifier remained in the body after redaction, so nothing was sent.")
{
    /// <summary>The outcome recorded in provenance for a refused call.</summary>
    public const string Outcome = "egress_blocked";

    public string Destination { get; } = destination;

    public string Purpose { get; } = purpose;
}
