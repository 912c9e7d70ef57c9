using MedicalImaging.Dicom.Benchmarks;

// dotnet run -c Release --project bench/Dicom.Benchmarks [-- CORPUS_DIR] [--only NAME_PART] [--ours]
// Parse + decode throughput of our reader against pydicom (in-process loop) and dcmtk (dcm2pnm per file).
// "ours" decodes with DecodeFrames (frame-parallel for compressed multi-frame), "1-thread" frame by frame; the CPU
// columns are thread CPU time of the one-thread loop and of pydicom's loop (steady when other jobs share the cores).
// --only keeps files whose name contains NAME_PART; --ours skips pydicom and dcm2pnm (quick iterations).
var only = Option("--only");
var oursOnly = args.Contains("--ours");
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--only")).ToArray();
var corpus = positional.Length > 0 ? positional[0] : BenchCorpus.Generate();
var files = BenchCorpus.Files(corpus).Where(f => only is null || Path.GetFileName(f).Contains(only, StringComparison.Ordinal)).ToArray();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"{"file",-24} {"syntax",-34} {"ours ms",9} {"ours MB/s",10} {"1-thread ms",12} {"pydicom ms",11} {"x faster",9} {"x 1-thread",11} {"1-thr CPU",10} {"py CPU",8} {"x CPU",6} {"dcm2pnm ms",11}");
foreach (var file in files)
{
    var ours = Timing.Ours(file);
    var (py, pyCpu) = oursOnly ? (double.NaN, double.NaN) : Timing.Pydicom(file);
    var dcmtk = oursOnly ? double.NaN : Timing.Dcm2Pnm(file);
    Console.WriteLine($"{Path.GetFileName(file),-24} {ours.Syntax,-34} {ours.Milliseconds,9:F3} {ours.MegabytesPerSecond,10:F0} {ours.OneThreadMilliseconds,12:F3} {py,11:F3} {py / ours.Milliseconds,9:F1} {py / ours.OneThreadMilliseconds,11:F1} {ours.OneThreadCpuMilliseconds,10:F3} {pyCpu,8:F3} {pyCpu / ours.OneThreadCpuMilliseconds,6:F1} {dcmtk,11:F1}");
}

var native = files.FirstOrDefault(f => Path.GetFileName(f) == "ct16s.dcm");
if (native is not null)
{
    var (gbStored, gbFloat) = Timing.UncompressedGigabytesPerSecond(native);
    Console.WriteLine($"uncompressed decode (ct16s, 512x512x4 16-bit): stored values {gbStored:F2} GB/s, float+rescale (DicomImageDecoder) {gbFloat:F2} GB/s (pixel-data bytes per second)");
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
