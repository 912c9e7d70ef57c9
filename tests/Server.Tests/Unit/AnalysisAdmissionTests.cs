using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class AnalysisAdmissionTests
{
    private const long Mb = 1L << 20;

    private static AnalysisAdmission Create(int budgetMb, int slots, int queue, int timeoutSeconds) => new(
        Options.Create(new AdmissionOptions { MemoryBudgetMb = budgetMb, MaxConcurrentAnalyses = slots, QueueLength = queue, QueueTimeoutSeconds = timeoutSeconds }),
        TimeProvider.System,
        NullLogger<AnalysisAdmission>.Instance);

    [Fact]
    public async Task Admit_NoSlotAndNoQueue_CapacityExceededWithRetryAfter()
    {
        var admission = Create(100, 1, 0, 30);
        using var running = await admission.AdmitAsync(10 * Mb, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<CapacityExceededException>(() => admission.AdmitAsync(10 * Mb, CancellationToken.None));

        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(1, admission.Running);
    }

    [Fact]
    public async Task Admit_OverRemainingBudget_WaitsUntilReleased_ThenReservesIt()
    {
        var admission = Create(100, 4, 4, 60);
        var big = await admission.AdmitAsync(80 * Mb, CancellationToken.None);

        var waiting = admission.AdmitAsync(50 * Mb, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        big.Dispose();
        using var admitted = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(50 * Mb, admission.ReservedBytes);
    }

    [Fact]
    public async Task Admit_SmallAfterAWaitingBigOne_FirstFitAdmitsTheSmallAtOnce()
    {
        var admission = Create(100, 4, 4, 60);
        using var running = await admission.AdmitAsync(60 * Mb, CancellationToken.None);
        var big = admission.AdmitAsync(60 * Mb, CancellationToken.None);

        using var small = await admission.AdmitAsync(10 * Mb, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(big.IsCompleted);
        Assert.Equal(70 * Mb, admission.ReservedBytes);
    }

    [Fact]
    public async Task Admit_WaitOutlastsTheTimeout_CapacityExceeded_QueueLeftEmpty()
    {
        var admission = Create(100, 1, 4, 0);
        var running = await admission.AdmitAsync(10 * Mb, CancellationToken.None);

        await Assert.ThrowsAsync<CapacityExceededException>(() => admission.AdmitAsync(10 * Mb, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        running.Dispose();
        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.ReservedBytes);
    }

    [Fact]
    public async Task Lease_DisposedTwice_ReleasesOnce()
    {
        var admission = Create(100, 2, 0, 30);
        var lease = await admission.AdmitAsync(30 * Mb, CancellationToken.None);
        using var other = await admission.AdmitAsync(30 * Mb, CancellationToken.None);

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, admission.Running);
        Assert.Equal(30 * Mb, admission.ReservedBytes);
    }
}
