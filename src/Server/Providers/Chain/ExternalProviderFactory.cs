using System.ClientModel;
using System.ClientModel.Primitives;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Providers.Profiles;
using Microsoft.Extensions.AI;
using OpenAI;
using Polly.CircuitBreaker;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Builds the external providers named in AI_PROVIDER_ORDER that have a key. All three speak the
/// OpenAI chat-completions dialect, so one OpenAI-SDK-backed <see cref="IChatClient"/> per provider
/// serves, with its own base URL, key and model. The SDK's own retries are off: Polly owns them.
/// Models default to each provider's profile (<see cref="ProviderProfileSet"/>); GEMINI_MODEL, GROQ_MODEL and
/// OPENROUTER_MODELS override them.
/// </summary>
public static class ExternalProviderFactory
{
    public static IReadOnlyList<ExternalProvider> Create(ProviderOptions options, ProviderProfileSet profiles, int maxRetries, HttpClient http, TimeProvider time)
    {
        var providers = new List<ExternalProvider>();
        foreach (var name in options.Order)
        {
            var (key, baseUrl, configured) = name switch
            {
                "gemini" => (options.GeminiApiKey, options.GeminiBaseUrl, options.GeminiModel),
                "openrouter" => (options.OpenRouterApiKey, options.OpenRouterBaseUrl, options.OpenRouterModels),
                "groq" => (options.GroqApiKey, options.GroqBaseUrl, options.GroqModel),
                _ => (null, string.Empty, null),
            };
            if (string.IsNullOrWhiteSpace(key))
            {
                continue;
            }

            var profile = profiles[name];
            // Only OpenRouter routes between several models itself; the others take one model.
            var models = string.IsNullOrWhiteSpace(configured)
                ? (name == "openrouter" ? [.. profile.DefaultModels] : [profile.DefaultModel])
                : name == "openrouter" ? ModelList(configured) : [configured.Trim()];
            var model = models[0];

            var clientOptions = new OpenAIClientOptions
            {
                Endpoint = new Uri(baseUrl),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                Transport = new HttpClientPipelineTransport(http),
                NetworkTimeout = Timeout.InfiniteTimeSpan,
            };
            clientOptions.AddPolicy(new ProfileRequestPolicy(profile, name == "openrouter" ? models : []), PipelinePosition.PerCall);

            var client = new OpenAIClient(new ApiKeyCredential(key), clientOptions);
            var circuit = new CircuitBreakerStateProvider();
            var control = new CircuitBreakerManualControl();
            ExternalProvider? provider = null;
            var pipeline = ProviderPipelineFactory.Create(options, maxRetries, circuit, control, duration => provider?.OnOpened(duration), time);
            provider = new ExternalProvider(
                name, model, profile, client.GetChatClient(model).AsIChatClient(), pipeline, circuit, control, TimeSpan.FromSeconds(options.LongCooldownSeconds), time);
            providers.Add(provider);
        }

        return providers;
    }

    private static List<string> ModelList(string models) =>
        [.. models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
