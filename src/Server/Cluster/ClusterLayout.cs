using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;

namespace MedicalImaging.Server.Cluster;

/// <summary>
/// What this server keeps in JetStream, by name (docs/SCALING.md "NATS layout"), created on first use by
/// whichever replica gets there first (create-or-update: every replica may do it, the result is the same).
/// </summary>
public sealed class ClusterLayout
{
    /// <summary>The durable pull consumer every replica takes jobs from: one consumer, so each job goes to one replica.</summary>
    public const string WorkerConsumer = "workers";

    private readonly INatsJSContext _js;
    private readonly ClusterOptions _options;
    private readonly Lock _gate = new();
    private Task<Handles>? _ready;

    public ClusterLayout(INatsJSContext js, IOptions<ClusterOptions> options)
    {
        _js = js;
        _options = options.Value;
        var p = _options.Prefix;
        var upper = p.ToUpperInvariant().Replace('-', '_');
        JobsStream = upper + "_JOBS";
        JobsSubject = p + ".jobs";
        EventsStream = upper + "_EVENTS";
        EventsSubjectPrefix = p + ".events.";
        JobsBucket = p + "-jobs";
        CheckpointsBucket = p + "-checkpoints";
        RateLimitBucket = p + "-ratelimits";
        ImagesBucket = p + "-images";
        ImageOwnersBucket = p + "-image-owners";
    }

    /// <summary>Work-queue stream: one message (the analysis id) per analysis to run; removed when a replica acks it.</summary>
    public string JobsStream { get; }

    /// <summary>The subject jobs are published on.</summary>
    public string JobsSubject { get; }

    /// <summary>Stream of every analysis's events, one subject per analysis.</summary>
    public string EventsStream { get; }

    /// <summary>Events of analysis X are on this prefix + X.</summary>
    public string EventsSubjectPrefix { get; }

    /// <summary>KV: job records (job.ID) and request-id index (req.HASH).</summary>
    public string JobsBucket { get; }

    /// <summary>KV: stage checkpoints (ID.stage).</summary>
    public string CheckpointsBucket { get; }

    /// <summary>KV: per-user rate-limit windows.</summary>
    public string RateLimitBucket { get; }

    /// <summary>Object store: image bytes by SHA-256 id.</summary>
    public string ImagesBucket { get; }

    /// <summary>KV: which user holds which image (owner-hash.image-id → size).</summary>
    public string ImageOwnersBucket { get; }

    /// <summary>How long a replica may hold a job without a heartbeat.</summary>
    public TimeSpan JobAckWait => _options.JobAckWait;

    /// <summary>The subject of one analysis's events.</summary>
    public string EventsSubject(string analysisId) => EventsSubjectPrefix + analysisId;

    /// <summary>Streams, consumer and buckets, created once per process (again after a failure).</summary>
    public Task<Handles> ReadyAsync(CancellationToken cancellationToken)
    {
        Task<Handles> ready;
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = CreateAsync();
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    private async Task<Handles> CreateAsync()
    {
        var jobs = await _js.CreateOrUpdateStreamAsync(new StreamConfig(JobsStream, [JobsSubject])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            // A job published twice (a retried publish) within this window is stored once (Nats-Msg-Id = analysis id).
            DuplicateWindow = TimeSpan.FromMinutes(2),
        });
        var consumer = await _js.CreateOrUpdateConsumerAsync(JobsStream, new ConsumerConfig(WorkerConsumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = _options.JobAckWait,
            MaxDeliver = -1,
            MaxAckPending = -1,
        });
        var events = await _js.CreateOrUpdateStreamAsync(new StreamConfig(EventsStream, [EventsSubjectPrefix + "*"])
        {
            Storage = StreamConfigStorage.File,
            // Finished analyses are purged by the retention sweep; this is only the backstop for a forgotten one.
            MaxAge = TimeSpan.FromDays(8),
        });
        var kv = new NatsKVContext(_js);
        var jobRecords = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(JobsBucket) { Storage = NatsKVStorageType.File });
        var checkpoints = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(CheckpointsBucket) { Storage = NatsKVStorageType.File, MaxValueSize = 8 << 20 });
        var rateLimits = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(RateLimitBucket) { Storage = NatsKVStorageType.File, MaxAge = TimeSpan.FromMinutes(5) });
        var imageOwners = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(ImageOwnersBucket) { Storage = NatsKVStorageType.File });
        var images = await new NatsObjContext(_js).CreateObjectStoreAsync(new NatsObjConfig(ImagesBucket) { Storage = NatsObjStorageType.File });
        return new Handles(jobs, consumer, events, jobRecords, checkpoints, rateLimits, images, imageOwners);
    }

    /// <summary>The created streams, consumer and buckets.</summary>
    public sealed record Handles(
        INatsJSStream Jobs,
        INatsJSConsumer Workers,
        INatsJSStream Events,
        INatsKVStore JobRecords,
        INatsKVStore Checkpoints,
        INatsKVStore RateLimits,
        INatsObjStore Images,
        INatsKVStore ImageOwners);
}
