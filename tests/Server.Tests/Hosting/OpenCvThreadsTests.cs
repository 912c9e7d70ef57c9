using MedicalImaging.Tests.Support;
using OpenCvSharp;

namespace MedicalImaging.Server.Tests.Hosting;

/// <summary>The server runs OpenCV single-threaded: its analyses are the parallelism, OpenCV's spin-waiting pool only competed with them.</summary>
public sealed class OpenCvThreadsTests
{
    [Fact]
    public async Task ServerStarted_OpenCvRunsOneThread()
    {
        Cv2.SetNumThreads(2);

        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>());

        Assert.Equal(1, Cv2.GetNumThreads());
    }
}
