namespace MedicalImaging.Load;

/// <summary>What one phase measured. CPU and RSS are NaN when the server's process is not known.</summary>
internal sealed record PhaseResult(
    string Name,
    int Streams,
    int Ok,
    int Failed,
    IReadOnlyList<double> LatenciesMs,
    double WallSeconds,
    double ServerCpuSeconds,
    double PeakRssMb,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<(string Stage, double MedianMs)> StageMedians)
{
    public double Throughput => Ok / WallSeconds;

    public double CpuMsPerAnalysis => Ok == 0 ? double.NaN : ServerCpuSeconds * 1000 / Ok;

    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
