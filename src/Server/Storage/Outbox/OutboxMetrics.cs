using System.Diagnostics.Metrics;
using MedicalImaging.Server.Telemetry;

namespace MedicalImaging.Server.Storage.Outbox;

/// <summary>The outbox's instruments on the service's meter: how many reports wait, were kept, were drained.</summary>
public sealed class OutboxMetrics
{
    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _drained;
    private long _depth;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MedicalImagingTelemetry.SourceName);
        _enqueued = meter.CreateCounter<long>("medimaging.outbox.enqueued", "{report}", "Report writes the store did not take, kept in the local outbox");
        _drained = meter.CreateCounter<long>("medimaging.outbox.drained", "{report}", "Kept report writes handed to the store");
        meter.CreateObservableGauge("medimaging.outbox.depth", () => Depth, "{report}", "Reports waiting in the local outbox for the store");
    }

    /// <summary>The last counted depth.</summary>
    public long Depth
    {
        get => Interlocked.Read(ref _depth);
        set => Interlocked.Exchange(ref _depth, value);
    }

    public void Enqueued() => _enqueued.Add(1);

    public void Drained() => _drained.Add(1);
}
