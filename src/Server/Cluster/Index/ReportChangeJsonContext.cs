using System.Text.Json.Serialization;

namespace MedicalImaging.Server.Cluster.Index;

/// <summary>Source-generated JSON for the reports change stream (the wire format other replicas read).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReportChange))]
internal sealed partial class ReportChangeJsonContext : JsonSerializerContext;
