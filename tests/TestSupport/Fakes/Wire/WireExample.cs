namespace MedicalImaging.Tests.Support.Fakes.Wire;

/// <summary>
/// One error answer as a provider's documentation shows it: status, headers and body, with the page it comes from.
/// The classification table tests read these; the fakes answer with them (<see cref="ToBehavior"/>), so both speak
/// the same documented wire format. Status, envelope, error codes/statuses, headers and the detail fields the
/// classifier reads are as documented; a free-text message is illustrative where the page gives none.
/// </summary>
public sealed record WireExample(string Name, int Status, string Body, IReadOnlyDictionary<string, string> Headers, string Source)
{
    public ChatBehavior.Fail ToBehavior() => new(Status, Body, null, Headers);

    /// <summary>A case-insensitive header lookup, as HTTP has it.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() => Name;
}
