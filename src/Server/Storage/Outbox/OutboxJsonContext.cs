using System.Text.Json.Serialization;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>Source-generated JSON for the embedding (vector and similar links) of an outbox entry.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredEmbedding))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
