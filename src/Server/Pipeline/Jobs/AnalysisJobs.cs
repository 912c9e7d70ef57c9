using MedicalImaging.Server.Uploads;

namespace MedicalImaging.Server.Pipeline.Jobs;

/// <summary>
/// Accepting an analysis makes it a durable job: inline images go to the content-addressed image store
/// first (the job names image ids, never holds image bytes), then the job row with owner, case id, clinical
/// context and settings. A client request id makes the accept idempotent per user.
/// </summary>
public sealed class AnalysisJobs
{
    private readonly IJobStore _store;
    private readonly IImageStore _images;
    private readonly TimeProvider _time;
    private readonly JobWorker _worker;

    public AnalysisJobs(IJobStore store, IImageStore images, TimeProvider time, JobWorker worker)
    {
        _store = store;
        _images = images;
        _time = time;
        _worker = worker;
    }

    /// <summary>The owner's earlier analysis with this request id, or null (none, or past retention).</summary>
    public Task<JobRecord?> FindAsync(string ownerId, string requestId, CancellationToken cancellationToken) =>
        _store.FindByRequestIdAsync(ownerId, requestId, cancellationToken);

    /// <summary>
    /// Stores the prepared analysis as a job. When the owner already has a job with <paramref name="requestId"/>
    /// (a concurrent retry won), that job is returned and Created is false: run nothing, follow that one.
    /// </summary>
    public async Task<(JobRecord Job, bool Created)> AcceptAsync(AnalysisState state, string? requestId, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var images = new List<StoredJobImage>(state.Images.Count);
        foreach (var image in state.Images)
        {
            var source = image.Source;
            var inline = source.Content is not null;
            if (inline)
            {
                await _images.SaveAsync(request.OwnerId, image.Bytes, cancellationToken);
            }

            images.Add(new StoredJobImage(source.Index, source.Filename, image.ImageId, source.ModalityHint, source.BodyPartHint, source.FrameIndex, inline));
        }

        var job = new JobRecord(
            state.AnalysisId,
            request.OwnerId,
            requestId,
            request.CaseId,
            new StoredJobRequest(images, request.CaseId, request.ClinicalContext, request.Settings),
            JobState.Queued,
            _time.GetUtcNow(),
            ClaimedBy: _worker.Id);
        return await _store.CreateOrGetAsync(job, cancellationToken);
    }
}
