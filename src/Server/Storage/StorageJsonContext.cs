using System.Text.Json.Serialization;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Storage;

/// <summary>Source-generated JSON for stored report bodies.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MedicalReport))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
