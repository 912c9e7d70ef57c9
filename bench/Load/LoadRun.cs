using System.Diagnostics;

namespace MedicalImaging.Load;

/// <summary>The phases: warm-up, sequential (one stream), concurrent (N streams sharing a count of analyses).</summary>
internal sealed class LoadRun(IAnalysisClient client, ProcessSampler? sampler)
{
    public async Task WarmUpAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (ok, error) = await client.AnalyzeAsync(CancellationToken.None);
            if (!ok)
            {
                throw new InvalidOperationException($"Warm-up analysis failed: {error}");
            }
        }
    }

    public Task<PhaseResult> SequentialAsync(int count) => RunAsync("sequential", 1, count);

    public Task<PhaseResult> ConcurrentAsync(int streams, int total) => RunAsync("concurrent", streams, total);

    private async Task<PhaseResult> RunAsync(string name, int streams, int total)
    {
        var latencies = new double[total];
        var outcomes = new string?[total];
        var next = -1;
        client.Stages.Clear();
        sampler?.ResetPeak();
        var cpuBefore = sampler?.CpuSeconds() ?? double.NaN;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, streams).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var (ok, error) = await client.AnalyzeAsync(CancellationToken.None);
                    outcomes[index] = ok ? null : error;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException)
                {
                    outcomes[index] = ex.GetType().Name + ": " + ex.Message;
                }

                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = wall.Elapsed.TotalSeconds;
        var cpu = (sampler?.CpuSeconds() ?? double.NaN) - cpuBefore;
        var okLatencies = latencies.Where((_, i) => outcomes[i] is null).ToArray();
        var errors = outcomes.Where(o => o is not null).GroupBy(o => o!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new PhaseResult(name, streams, okLatencies.Length, total - okLatencies.Length, okLatencies, seconds, cpu,
            sampler?.PeakRssMb ?? double.NaN, errors, client.Stages.Medians());
    }
}
