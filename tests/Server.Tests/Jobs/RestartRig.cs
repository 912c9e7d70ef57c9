using MedicalImaging.Tests.Support;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>
/// What a server process and its restart share in the process tests: a slow fake Gemini (a real HTTP server
/// counting calls) and a data directory.
/// </summary>
internal sealed class RestartRig : IAsyncDisposable
{
    private readonly TempDataDirectory _data;

    private RestartRig(FakeChatProvider gemini, TempDataDirectory data)
    {
        Gemini = gemini;
        _data = data;
    }

    /// <summary>The fake provider; each answer takes the delay given at the start.</summary>
    public FakeChatProvider Gemini { get; }

    public static async Task<RestartRig> StartAsync(TimeSpan providerDelay)
    {
        var gemini = await FakeChatProvider.StartAsync("gemini");
        gemini.Delay = providerDelay;
        return new RestartRig(gemini, new TempDataDirectory("medimg-durable-"));
    }

    /// <summary>Starts a server process on the shared data directory with the fake as its provider.</summary>
    public Task<ServerProcess> StartServerAsync(int graceSeconds = 20) =>
        ServerProcess.StartAsync(ProcessTestKit.ProviderSettings(Gemini, _data.Path, graceSeconds));

    public async ValueTask DisposeAsync()
    {
        _data.Dispose();
        await Gemini.DisposeAsync();
    }
}
