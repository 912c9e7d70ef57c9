using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MedicalImaging.Imaging.Benchmarks;

/// <summary>
/// Median and p95 columns (the targets are medians). In-process: the project file name differs from
/// the assembly name (repo convention), which BenchmarkDotNet's out-of-process generator cannot follow.
/// </summary>
public sealed class SingleCoreConfig : ManualConfig
{
    public SingleCoreConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }
}
