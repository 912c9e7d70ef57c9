using Microsoft.Net.Http.Headers;

namespace MedicalImaging.Server.WebConsole;

/// <summary>One file of the console, held in memory.</summary>
public sealed record ConsoleAsset(byte[] Content, string ContentType, EntityTagHeaderValue EntityTag);
