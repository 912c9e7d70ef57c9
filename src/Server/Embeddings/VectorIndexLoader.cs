using MedicalImaging.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Embeddings;

/// <summary>At start: creates the schema, then loads every stored vector of the current model into the index.</summary>
public sealed partial class VectorIndexLoader : IHostedService
{
    private readonly IReportRepository _repository;
    private readonly VectorIndex _index;
    private readonly ILogger<VectorIndexLoader> _logger;

    public VectorIndexLoader(IReportRepository repository, VectorIndex index, ILogger<VectorIndexLoader> logger)
    {
        _repository = repository;
        _index = index;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _repository.InitializeAsync(cancellationToken);
        var started = TimeProvider.System.GetTimestamp();
        var loaded = 0;
        var skipped = 0;
        await foreach (var embedding in _repository.ReadEmbeddingsAsync(cancellationToken))
        {
            if (embedding.Model != _index.Model || embedding.Vector.Length != _index.Dimension)
            {
                skipped++;
                continue;
            }

            _index.Upsert(embedding.OwnerId, embedding.ReportId, embedding.Vector, embedding.Modality, embedding.BodyPart);
            loaded++;
        }

        var elapsedMs = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        LogLoaded(loaded, skipped, _index.Model, elapsedMs);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Vector index loaded {Loaded} vectors of model {Model} ({Skipped} of other models skipped) in {ElapsedMs:F0} ms")]
    private partial void LogLoaded(int loaded, int skipped, string model, double elapsedMs);
}
