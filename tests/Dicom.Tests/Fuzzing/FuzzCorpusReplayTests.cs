using MedicalImaging.Fuzz.Targets;

namespace MedicalImaging.Dicom.Tests;

/// <summary>
/// CI's share of the fuzzing (docs/FUZZING.md): every input of the committed corpus (fuzz/corpus/TARGET) and every
/// crash found so far (fuzz/crashes/TARGET) goes through its harness again. Only the documented exceptions may come
/// out, and no input may hang (10 s each: a guard against loops, not a speed test).
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("dicom")]
    [InlineData("rle")]
    [InlineData("jpeg-lossless")]
    [InlineData("jpeg-ls")]
    [InlineData("raster")]
    public async Task Replay_CorpusAndCrashes_OnlyDocumentedExceptionsNoHang(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var files = Inputs(name);
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var data = File.ReadAllBytes(file);
            try
            {
                await Task.Run(() => target.Run(data)).WaitAsync(HangGuard);
            }
            catch (TimeoutException)
            {
                failures.Add($"{file}: still running after {HangGuard.TotalSeconds} s");
            }
            catch (Exception ex)
            {
                failures.Add($"{file}: {ex}");
            }
        }

        Assert.Empty(failures);
    }

    private static List<string> Inputs(string target) =>
        new[] { "corpus", "crashes" }
            .Select(kind => Path.Combine(Tools.RepoRoot, "fuzz", kind, target))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Order(StringComparer.Ordinal)
            .ToList();
}
