using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Imaging.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Imaging.Benchmarks -- --stages   (quick per-stage timing)
if (args.Contains("--render"))
{
    MedicalImaging.Imaging.Benchmarks.RenderProbe.Run();
    return;
}

if (args.Contains("--probe"))
{
    MedicalImaging.Imaging.Benchmarks.Probe.Run();
    return;
}

if (args.Contains("--stages"))
{
    MedicalImaging.Imaging.Benchmarks.StageProfile.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MedicalImaging.Imaging.Benchmarks.ImagingPipelineBenchmarks).Assembly).Run(args);
