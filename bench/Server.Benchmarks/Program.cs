using BenchmarkDotNet.Running;
using MedicalImaging.Server.Benchmarks;

// dotnet run -c Release --project bench/Server.Benchmarks -- --filter '*' --job short --inProcess
// dotnet run -c Release --project bench/Server.Benchmarks -- --neo4j-writes 500 http://127.0.0.1:17474 neo4j PASSWORD [WRITERS]
// dotnet run -c Release --project bench/Server.Benchmarks -- --admission [BUDGET_MB] [MAX_CONCURRENT]   (needs src/Server.Host built in Release)
// dotnet run -c Release --project bench/Server.Benchmarks -- --telemetry-audit [ANALYSES]
// dotnet run -c Release --project bench/Server.Benchmarks -- --nats-dispatch [NATS_URL] [JOBS] [WORKERS]
// dotnet run -c Release --project bench/Server.Benchmarks -- --dicomweb [INSTANCES] [PER_REQUEST]
// dotnet run -c Release --project bench/Server.Benchmarks -- --focal-detector [COUNT] [CALIBRATION_SEED] [REPORT_SEED]
if (args.Length > 0 && args[0] is "--admission" or "--admission-single")
{
    return await AdmissionBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--focal-detector")
{
    return FocalDetectorBench.Run(args);
}

if (args.Length > 0 && args[0] == "--telemetry-audit")
{
    return await TelemetryAuditBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--nats-dispatch")
{
    return await NatsDispatchBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--dicomweb")
{
    return await DicomWebBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--neo4j-writes")
{
    return await Neo4jWriteBench.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(VectorIndexBenchmarks).Assembly).Run(args);
return 0;
