using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Jobs;

/// <summary>SHUTDOWN_GRACE_SECONDS and ANALYSIS_RETENTION_MINUTES: checked at start, and the host waits long enough for the grace.</summary>
public sealed class JobSettingsTests
{
    [Theory]
    [InlineData("SHUTDOWN_GRACE_SECONDS", "-1", "SHUTDOWN_GRACE_SECONDS=-1 must be 0..3600.")]
    [InlineData("ANALYSIS_RETENTION_MINUTES", "0", "ANALYSIS_RETENTION_MINUTES=0 must be 1..10080 (a week).")]
    [InlineData("SHUTDOWN_GRACE_SECONDS", "soon", "SHUTDOWN_GRACE_SECONDS")]
    public async Task BadJobSettings_RefuseToStart_NamingTheSetting(string name, string value, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShutdownGrace_LongerThanTheHostDefault_HostShutdownTimeoutCoversIt()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["SHUTDOWN_GRACE_SECONDS"] = "45" });

        Assert.True(server.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout >= TimeSpan.FromSeconds(45));
    }
}
