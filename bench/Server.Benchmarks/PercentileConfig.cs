using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>Adds median and p95 columns: the issue targets are p95.</summary>
public sealed class PercentileConfig : ManualConfig
{
    public PercentileConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
