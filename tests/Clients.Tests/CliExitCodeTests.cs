using MedicalImaging.Tests.Support;

namespace MedicalImaging.Clients.Tests;

/// <summary>
/// The exit codes of src/Cli/ExitCodes.cs that CliTests and AuditVerifyCliTests do not reach: 3 (not found) and 6
/// (rate limited), from the real medimg against a real server with a one-call-a-minute limit.
/// </summary>
public sealed class CliExitCodeTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT_REQUESTS_PER_MINUTE"] = "1" });
        _work = Directory.CreateTempSubdirectory("medimg-cli-codes-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Dictionary<string, string?> Env(string user) => new()
    {
        ["MEDIMG_SERVER"] = _server.GrpcAddress.ToString(),
        ["MEDIMG_TOKEN"] = _server.IssueToken(user),
    };

    [Fact]
    public async Task ReportGet_UnknownId_ExitsNotFound()
    {
        var (code, _, stderr) = await Medimg.RunAsync(Env("cli-lookup"), null, "report", "get", "rpt_doesnotexist0000000000");
        Assert.Equal(3, code);
        Assert.Contains("NotFound", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_OverTheServersRateLimit_ExitsRateLimited()
    {
        var image = Path.Combine(_work, "chest.png");
        await File.WriteAllBytesAsync(image, TestImages.ChestPhantomPng(64, seed: 8));

        var first = await Medimg.RunAsync(Env("cli-busy"), null, "analyze", image);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var (code, _, stderr) = await Medimg.RunAsync(Env("cli-busy"), null, "analyze", image);
        Assert.Equal(6, code);
        Assert.Contains("RATE_LIMIT_REQUESTS_PER_MINUTE", stderr, StringComparison.Ordinal);
    }
}
