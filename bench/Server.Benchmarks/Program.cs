using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Server.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MedicalImaging.Server.Benchmarks.VectorIndexBenchmarks).Assembly).Run(args);
