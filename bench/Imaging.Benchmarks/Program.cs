using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Imaging.Benchmarks -- --filter '*' [--tuned]
// dotnet run -c Release --project bench/Imaging.Benchmarks -- --stages [--tuned]   (per-stage timing + page faults)
// dotnet run -c Release --project bench/Imaging.Benchmarks -- --probe              (internal steps)
// dotnet run -c Release --project bench/Imaging.Benchmarks -- --ocr                (burned-in text step per 512² image)
// dotnet run -c Release --project bench/Imaging.Benchmarks -- --focal-cpu          (focal-lesion detector alone, CPU per image)
if (args.Contains("--focal-cpu"))
{
    MedicalImaging.Imaging.Benchmarks.FocalDetectorCost.Run();
    return;
}

if (args.Contains("--ocr"))
{
    MedicalImaging.Imaging.Benchmarks.OcrCost.Run();
    return;
}

if (args.Contains("--probe"))
{
    MedicalImaging.Imaging.Benchmarks.Probe.Run();
    return;
}

if (args.Contains("--stages"))
{
    MedicalImaging.Imaging.Benchmarks.StageProfile.Run(args.Contains("--tuned"));
    return;
}

// --tuned: apply the glibc allocator settings the server applies at start-up (in-process toolchain,
// so they hold for the measured code).
if (args.Contains("--tuned"))
{
    Console.WriteLine($"glibc allocator tuned: {MedicalImaging.Imaging.Runtime.NativeAllocatorTuning.Apply()}");
    args = args.Where(a => a != "--tuned").ToArray();
}

BenchmarkSwitcher.FromAssembly(typeof(MedicalImaging.Imaging.Benchmarks.ImagingPipelineBenchmarks).Assembly).Run(args);
