using System.Text.Json;
using MedicalImaging.Tests.Support;

namespace MedicalImaging.Clients.Tests;

/// <summary>Real medimg command lines against a real server.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        _work = Directory.CreateTempSubdirectory("medimg-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Dictionary<string, string?> Env(string? token) => new()
    {
        ["MEDIMG_SERVER"] = _server.GrpcAddress.ToString(),
        ["MEDIMG_TOKEN"] = token,
        ["MEDICAL_IMAGING_DATA_DIR"] = _server.DataDirectory,
    };

    private async Task<string> TokenAsync(string user)
    {
        var (code, stdout, stderr) = await Medimg.RunAsync(Env(null), null, "auth", "token", "--user", user);
        Assert.True(code == 0, stderr);
        return stdout.Trim();
    }

    private string WriteImage(string name, byte[] bytes)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task FullSession_AuthAnalyzeListGetSimilarDelete()
    {
        var token = await TokenAsync("cli-user");
        var env = Env(token);
        var image = WriteImage("chest.png", TestImages.ChestPhantomPng(256, seed: 61));
        var outDir = Path.Combine(_work, "out");

        var (code, stdout, stderr) = await Medimg.RunAsync(env, null, "analyze", image, "--modality", "CR", "--body-part", "CHEST", "--case-id", "case-7", "--json", "--out", outDir);
        Assert.True(code == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        var reportId = result.GetProperty("report").GetProperty("id").GetString()!;
        Assert.StartsWith("rpt_", reportId);
        Assert.Contains("[100%] complete", stderr);
        Assert.True(File.Exists(Path.Combine(outDir, reportId + ".json")));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(outDir, reportId + "-heatmap-0.png"))[..4]);

        (code, stdout, _) = await Medimg.RunAsync(env, null, "reports", "list", "--case-id", "case-7");
        Assert.Equal(0, code);
        Assert.Contains(reportId, stdout);

        (code, stdout, _) = await Medimg.RunAsync(env, null, "report", "get", reportId);
        Assert.Equal(0, code);
        Assert.Contains("NOT FOR DIAGNOSTIC USE", stdout);
        var srPath = Path.Combine(_work, "report.dcm");
        (code, _, stderr) = await Medimg.RunAsync(env, null, "report", "export", reportId, "--format", "sr", "-o", srPath);
        Assert.True(code == 0, stderr);
        Assert.Equal("DICM"u8.ToArray(), File.ReadAllBytes(srPath)[128..132]);
        (code, stdout, _) = await Medimg.RunAsync(env, null, "report", "export", reportId, "--format", "fhir");
        Assert.Equal(0, code);
        Assert.Equal("Bundle", JsonDocument.Parse(stdout).RootElement.GetProperty("resourceType").GetString());

        var second = WriteImage("chest2.png", TestImages.ChestPhantomPng(256, seed: 62));
        (code, _, stderr) = await Medimg.RunAsync(env, null, "analyze", second, "--modality", "CR", "--body-part", "CHEST");
        Assert.True(code == 0, stderr);
        (code, stdout, _) = await Medimg.RunAsync(env, null, "similar", reportId, "--json");
        Assert.Equal(0, code);
        var similarCase = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        Assert.Equal(JsonValueKind.Array, similarCase.GetProperty("sharedConditions").ValueKind);
        (code, stdout, _) = await Medimg.RunAsync(env, null, "similar", reportId);
        Assert.Equal(0, code);
        Assert.Contains("Score", stdout);
        Assert.Contains("Shared", stdout);

        (code, _, _) = await Medimg.RunAsync(env, null, "report", "delete", reportId);
        Assert.Equal(0, code);
        (code, _, stderr) = await Medimg.RunAsync(env, null, "report", "get", reportId);
        Assert.Equal(3, code);
        Assert.Contains("NotFound", stderr);
    }

    [Fact]
    public async Task ErrorsMapToDocumentedExitCodes()
    {
        var token = await TokenAsync("cli-errors");
        var (code, _, stderr) = await Medimg.RunAsync(Env(null), null, "reports", "list");
        Assert.Equal(4, code);
        Assert.Contains("Unauthenticated", stderr);

        (code, _, stderr) = await Medimg.RunAsync(Env(token), null, "analyze", Path.Combine(_work, "missing.png"));
        Assert.Equal(2, code);
        Assert.Contains("no such file", stderr);

        (code, _, stderr) = await Medimg.RunAsync(Env(token), null, "analyze", WriteImage("notes.png", "not an image"u8.ToArray()));
        Assert.Equal(2, code);
        Assert.Contains("not a supported image", stderr);

        (code, _, _) = await Medimg.RunAsync(Env(token), null, "analyze");
        Assert.Equal(1, code);

        (code, _, stderr) = await Medimg.RunAsync(Env(token), null, "reports", "list", "--server", "http://127.0.0.1:9");
        Assert.Equal(5, code);
        Assert.Contains("Unavailable", stderr);
    }

    [Fact]
    public async Task Health_WithToken_ShowsProvidersAndDatabase_WithoutToken_StatusAndAHint()
    {
        var (code, stdout, stderr) = await Medimg.RunAsync(Env(null), null, "health");
        Assert.Equal(0, code);
        Assert.Equal("status serving", stdout.Trim());
        Assert.Contains("need a token", stderr);

        (code, stdout, _) = await Medimg.RunAsync(Env(await TokenAsync("cli-health")), null, "health");
        Assert.Equal(0, code);
        Assert.Contains("database sqlite ok", stdout);
        Assert.Contains("local", stdout);
    }

    [Fact]
    public async Task HealthWithoutToken_AndChatAnswersFromTheReport()
    {
        var (code, stdout, _) = await Medimg.RunAsync(Env(null), null, "health", "--json");
        Assert.Equal(0, code);
        Assert.Equal("serving", JsonDocument.Parse(stdout).RootElement.GetProperty("status").GetString());
        Assert.False(JsonDocument.Parse(stdout).RootElement.GetProperty("details").GetBoolean());

        var token = await TokenAsync("cli-chat");
        var image = WriteImage("chat.png", TestImages.ChestPhantomPng(128, seed: 63));
        (code, stdout, _) = await Medimg.RunAsync(Env(token), null, "analyze", image, "--json");
        Assert.Equal(0, code);
        var reportId = JsonDocument.Parse(stdout).RootElement.GetProperty("report").GetProperty("id").GetString()!;

        (code, stdout, var stderr) = await Medimg.RunAsync(Env(token), "What does the report say?\n/exit\n", "chat", reportId);
        Assert.True(code == 0, stderr);
        Assert.Contains("Impression", stdout);
        Assert.Contains("[local;", stderr);
    }
}
