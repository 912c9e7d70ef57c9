using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>Median and p95 columns (the targets are medians).</summary>
public sealed class SingleCoreConfig : ManualConfig
{
    public SingleCoreConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
