using MedicalImaging.Server.Pipeline.Jobs;
using NATS.Client.JetStream;

namespace MedicalImaging.Server.Cluster;

/// <summary>Hands every accepted analysis to the work-queue stream: whichever replica has room takes it.</summary>
public sealed class NatsJobQueue : IJobQueue
{
    private readonly ClusterLayout _layout;
    private readonly INatsJSContext _js;

    public NatsJobQueue(ClusterLayout layout, INatsJSContext js)
    {
        _layout = layout;
        _js = js;
    }

    public async ValueTask<bool> EnqueueAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await _layout.ReadyAsync(cancellationToken);
        // The message is only the analysis id (the job itself is in KV); the id as Nats-Msg-Id makes a retried publish one job.
        var ack = await _js.PublishAsync(
            _layout.JobsSubject,
            System.Text.Encoding.UTF8.GetBytes(job.AnalysisId),
            opts: new NatsJSPubOpts { MsgId = job.AnalysisId },
            cancellationToken: cancellationToken);
        ack.EnsureSuccess();
        return true;
    }
}
