using Microsoft.Extensions.Hosting;
using OpenCvSharp;

namespace MedicalImaging.Server.Pipeline;

/// <summary>
/// Runs OpenCV single-threaded in the server: analyses already run in parallel (MAX_CONCURRENT_ANALYSES on the thread
/// pool), and OpenCV's own pthreads pool, which splits each filter over every core and spin-waits between jobs, only
/// competed with them (load tool: −13 % CPU per analysis at 500 streams, −33 % sequential; docs/BENCHMARKS.md). OpenCV's
/// own OPENCV_FOR_THREADS_NUM, when set, is left to decide. The setting is process-wide.
/// </summary>
public sealed class OpenCvThreads : IHostedService
{
    /// <summary>OpenCV's environment variable for its thread count.</summary>
    public const string EnvironmentVariable = "OPENCV_FOR_THREADS_NUM";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)))
        {
            Cv2.SetNumThreads(1);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
