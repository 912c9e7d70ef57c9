namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>A provider profile file that cannot be used; the message names the file, the provider and the field.</summary>
public sealed class ProviderProfileException(string message) : Exception(message);
