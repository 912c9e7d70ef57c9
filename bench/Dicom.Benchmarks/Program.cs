using MedicalImaging.Dicom.Benchmarks;

// dotnet run -c Release --project bench/Dicom.Benchmarks [-- CORPUS_DIR]
// Parse + decode throughput of our reader against pydicom (in-process loop) and dcmtk (dcm2pnm per file).
var corpus = args.Length > 0 ? args[0] : BenchCorpus.Generate();
var files = BenchCorpus.Files(corpus);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"{"file",-24} {"syntax",-34} {"ours ms",9} {"ours MB/s",10} {"pydicom ms",11} {"x faster",9} {"dcm2pnm ms",11}");
foreach (var file in files)
{
    var ours = Timing.Ours(file);
    var py = Timing.Pydicom(file);
    var dcmtk = Timing.Dcm2Pnm(file);
    Console.WriteLine($"{Path.GetFileName(file),-24} {ours.Syntax,-34} {ours.Milliseconds,9:F3} {ours.MegabytesPerSecond,10:F0} {py,11:F3} {py / ours.Milliseconds,9:F1} {dcmtk,11:F1}");
}

var native = files.First(f => Path.GetFileName(f) == "ct16s.dcm");
var (gbStored, gbFloat) = Timing.UncompressedGigabytesPerSecond(native);
Console.WriteLine($"uncompressed decode (ct16s, 512x512x4 16-bit): stored values {gbStored:F2} GB/s, float+rescale (DicomImageDecoder) {gbFloat:F2} GB/s (pixel-data bytes per second)");
