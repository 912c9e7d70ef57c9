using System.Text.Json;

namespace MedicalImaging.Cli;

/// <summary>medimg's JSON: camelCase, indented, the SDK's types as they are.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
