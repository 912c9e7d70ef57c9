using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>One whole report write, as <see cref="IReportRepository.SaveAsync"/> was given it, kept until the store takes it.</summary>
public sealed record OutboxEntry(MedicalReport Report, StoredEmbedding Embedding, IReadOnlyList<StoredHeatmap> Heatmaps);
