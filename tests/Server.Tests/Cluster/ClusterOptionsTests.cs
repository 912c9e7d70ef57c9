using MedicalImaging.Server.Cluster;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>CLUSTER_MODE / NATS_* validation: a bad value stops the start with a message naming the variable.</summary>
public sealed class ClusterOptionsTests
{
    [Theory]
    [InlineData("CLUSTER_MODE", "kubernetes", "sqlite")]
    [InlineData("STORAGE_PROVIDER", "nats", "sqlite")]
    public void Validate_BadModeOrUnsharedStore_FailsNamingTheVariable(string variable, string mode, string storage)
    {
        var result = Validate(new ClusterOptions { Mode = mode }, storage);
        Assert.True(result.Failed);
        Assert.Contains(variable + "=", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NATS_URL", "http://nats:4222")]
    [InlineData("NATS_URL", "nats:4222")]
    [InlineData("NATS_PASSWORD", null)]
    [InlineData("NATS_CREDS_FILE", "/nonexistent/user.creds")]
    [InlineData("NATS_TLS_KEY", "cert-only")]
    [InlineData("NATS_JOB_ACK_WAIT_SECONDS", "0")]
    [InlineData("NATS_PREFIX", "has.dot")]
    public void Validate_BadNatsSetting_FailsNamingIt(string variable, string? value)
    {
        var options = new ClusterOptions { Mode = "nats" };
        switch (variable)
        {
            case "NATS_URL": options.Url = value!; break;
            case "NATS_PASSWORD": options.User = "svc"; break;
            case "NATS_CREDS_FILE": options.CredsFile = value; break;
            case "NATS_TLS_KEY": options.TlsCertFile = typeof(ClusterOptionsTests).Assembly.Location; break;
            case "NATS_JOB_ACK_WAIT_SECONDS": options.JobAckWaitSeconds = 0; break;
            case "NATS_PREFIX": options.Prefix = value!; break;
        }

        var result = Validate(options, "neo4j");
        Assert.True(result.Failed);
        Assert.Contains(variable, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoneMode_IgnoresNatsSettings_EmbeddedDefaultUnchanged()
    {
        Assert.True(Validate(new ClusterOptions(), "sqlite").Succeeded);
        Assert.True(Validate(new ClusterOptions { Mode = "none", Url = "not a url", User = "x" }, "sqlite").Succeeded);
        Assert.True(Validate(new ClusterOptions { Mode = "nats", Url = "nats://a:4222, tls://b:4222" }, "neo4j").Succeeded);
    }

    [Fact]
    public async Task Start_NatsModeWithSqlite_StopsSayingStorageProviderMustBeNeo4j()
    {
        var data = Directory.CreateTempSubdirectory("medimg-cluster-opts-").FullName;
        try
        {
            await using var app = MedicalImagingHost.Build([], new Dictionary<string, string?>
            {
                ["CLUSTER_MODE"] = "nats",
                ["MEDICAL_IMAGING_DATA_DIR"] = data,
                ["MEDICAL_IMAGING_BIND_ADDRESS"] = "127.0.0.1",
                ["MEDICAL_IMAGING_PORT"] = "0",
                ["MEDICAL_IMAGING_HTTP_PORT"] = "0",
            }, readEnvironment: false);
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("STORAGE_PROVIDER=neo4j", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static ValidateOptionsResult Validate(ClusterOptions options, string storage) =>
        new ClusterOptionsValidator(Options.Create(new MedicalImagingOptions { StorageProvider = storage })).Validate(null, options);
}
