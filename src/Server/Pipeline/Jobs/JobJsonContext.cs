using System.Text.Json.Serialization;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Pipeline.Jobs.Checkpoints;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>Source-generated JSON for what the job store keeps: requests, events, failures and checkpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredJobRequest))]
[JsonSerializable(typeof(JobEvent))]
[JsonSerializable(typeof(JobFailure))]
[JsonSerializable(typeof(VisionCheckpoint))]
[JsonSerializable(typeof(LiteratureCheckpoint))]
[JsonSerializable(typeof(EmbedCheckpoint))]
[JsonSerializable(typeof(MedicalReport))]
internal sealed partial class JobJsonContext : JsonSerializerContext;
