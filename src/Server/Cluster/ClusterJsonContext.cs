using System.Text.Json.Serialization;
using MedicalImaging.Server.Pipeline.Jobs;

namespace MedicalImaging.Server.Cluster;

/// <summary>Source-generated JSON for what the cluster keeps in JetStream (the same shapes the SQLite job store writes).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobRecord))]
[JsonSerializable(typeof(JobEvent))]
[JsonSerializable(typeof(RateWindow))]
[JsonSerializable(typeof(ImageHolders))]
[JsonSerializable(typeof(UserImages))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
