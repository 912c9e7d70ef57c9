using MedicalImaging.Server.Providers.Profiles;

namespace MedicalImaging.Server.Tests.Unit;

/// <summary>The shipped provider profiles and the operator's override file (PROVIDER_PROFILES_PATH).</summary>
public sealed class ProviderProfileSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("profiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "profiles.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Shipped_Loads_CurrentModelsAndGroqsDocumentedLimits()
    {
        var profiles = ProviderProfileSet.Shipped();

        var groq = profiles["groq"];
        Assert.Equal("qwen/qwen3.8-27b", groq.DefaultModel);
        Assert.Equal((5, 33_177_600L, 4_000_000L), (groq.MaxImages, groq.MaxImagePixels, groq.MaxRequestBytes));
        Assert.Equal(StructuredOutputMode.JsonSchemaStrict, groq.StructuredOutput);
        Assert.Equal("groq", groq.ErrorDialect);
        Assert.Equal("gemini-3.8-flash", profiles["gemini"].DefaultModel);
        Assert.Null(profiles["gemini"].Temperature);
        Assert.True(profiles["openrouter"].RequireParameters);
        Assert.DoesNotContain(profiles["openrouter"].DefaultModels, m => m.Contains("2.5", StringComparison.Ordinal) || m.Contains("llama-4", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OverrideFile_ReplacesOnlyTheFieldsItNames()
    {
        var profiles = ProviderProfileSet.Load(Write("""{ "groq": { "maxImages": 3, "defaultModel": "vendor/next" } }"""));

        Assert.Equal(3, profiles["groq"].MaxImages);
        Assert.Equal("vendor/next", profiles["groq"].DefaultModel);
        Assert.Equal(4_000_000L, profiles["groq"].MaxRequestBytes);
        Assert.Equal("gemini-3.8-flash", profiles["gemini"].DefaultModel);
    }

    [Theory]
    [InlineData("""{ "groq": { "maxImages": 0 } }""", "provider 'groq': field 'maxImages' must be a whole number from 1 to 10")]
    [InlineData("""{ "groq": { "maxImage": 3 } }""", "provider 'groq': unknown field 'maxImage'")]
    [InlineData("""{ "gemini": { "temperature": 3.5 } }""", "provider 'gemini': field 'temperature' must be null")]
    [InlineData("""{ "openrouter": { "structuredOutput": "strict" } }""", "provider 'openrouter': field 'structuredOutput' is 'strict', expected one of")]
    [InlineData("""{ "openrouter": { "errorDialect": "anthropic" } }""", "provider 'openrouter': field 'errorDialect' is 'anthropic'")]
    [InlineData("""{ "groq": { "defaultModel": "" } }""", "provider 'groq': field 'defaultModel' must be a non-empty string")]
    [InlineData("""{ "mistral": { } }""", "unknown provider 'mistral'")]
    [InlineData("""{ "groq": { "maxImages": 3 """, "is not valid JSON")]
    public void Load_BadOverride_FailsNamingTheFileProviderAndField(string json, string expected)
    {
        var path = Write(json);
        var error = Assert.Throws<ProviderProfileException>(() => ProviderProfileSet.Load(path));

        Assert.Contains($"PROVIDER_PROFILES_PATH file '{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FailsNamingThePath()
    {
        var path = Path.Combine(_dir, "absent.json");
        var error = Assert.Throws<ProviderProfileException>(() => ProviderProfileSet.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalProviders_TakeTheirErrorDialectFromTheProfile_AnOverrideChangesIt()
    {
        var options = new MedicalImaging.Server.Configuration.ProviderOptions
        {
            ProviderOrder = "openrouter,groq",
            OpenRouterApiKey = "k",
            GroqApiKey = "k",
        };
        using var http = new HttpClient();
        var shipped = MedicalImaging.Server.Providers.Chain.ExternalProviderFactory.Create(options, ProviderProfileSet.Shipped(), 0, http, TimeProvider.System);
        var overridden = MedicalImaging.Server.Providers.Chain.ExternalProviderFactory.Create(
            options, ProviderProfileSet.Load(Write("""{ "openrouter": { "errorDialect": "openai" } }""")), 0, http, TimeProvider.System);
        try
        {
            Assert.Equal(["openrouter", "groq"], shipped.Select(p => p.Dialect));
            Assert.Equal(["openai", "groq"], overridden.Select(p => p.Dialect));
        }
        finally
        {
            foreach (var provider in shipped.Concat(overridden))
            {
                provider.Dispose();
            }
        }
    }
}
