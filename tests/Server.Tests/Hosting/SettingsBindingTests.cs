using MedicalImaging.Tests.Support;

namespace MedicalImaging.Server.Tests.Hosting;

/// <summary>
/// Every options class is bound with BindConfiguration and validated at start: a value that is not of the option's type
/// stops the server before it serves, with the variable named. One setting of each class (the range checks have their
/// own tests beside each capability).
/// </summary>
public sealed class SettingsBindingTests
{
    [Theory]
    [InlineData("MAX_IMAGES_PER_REQUEST", "ten")] // MedicalImagingOptions
    [InlineData("JWT_MAX_LIFETIME_MINUTES", "forever")] // JwtOptions
    [InlineData("PROVIDER_TIMEOUT_SECONDS", "soon")] // ProviderOptions
    [InlineData("NEO4J_MAX_RETRIES", "many")] // Neo4jOptions, read even with the SQLite store
    [InlineData("EMBEDDING_DIMENSION", "wide")] // EmbeddingOptions
    [InlineData("ADMISSION_QUEUE_LENGTH", "long")] // AdmissionOptions
    [InlineData("USER_STORAGE_QUOTA_MB", "plenty")] // StoredDataOptions
    [InlineData("ANALYSIS_RETENTION_MINUTES", "a-while")] // JobOptions
    [InlineData("METRICS_ENABLED", "perhaps")] // TelemetryOptions
    public async Task Start_SettingNotOfItsType_FailsNamingTheVariable(string name, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [name] = value }));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
