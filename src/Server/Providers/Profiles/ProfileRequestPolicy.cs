using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>
/// Puts into each chat-completions body what the OpenAI SDK has no option for and the provider's profile
/// asks: `response_format.json_schema.strict` (true only where the provider enforces schemas — Groq treats
/// schemas as best effort without it) and OpenRouter's `provider.require_parameters` (without it OpenRouter
/// may route to a backend that ignores response_format), and for OpenRouter with several OPENROUTER_MODELS the
/// whole list as its `models` routing field (OpenRouter then falls back between them itself; the first stays
/// `model`). One policy, so each body is parsed and rewritten once. Runs after the egress guard released the
/// messages and touches no message content.
/// </summary>
public sealed class ProfileRequestPolicy : PipelinePolicy
{
    // Written back as the SDK writes it: base64 '+' and non-ASCII text stay literal, not \uXXXX (a body 8 % larger otherwise).
    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ProviderProfile _profile;
    private readonly IReadOnlyList<string> _routingModels;

    /// <param name="profile">What the provider accepts.</param>
    /// <param name="routingModels">OpenRouter's `models` list; empty for providers that take one model.</param>
    public ProfileRequestPolicy(ProviderProfile profile, IReadOnlyList<string> routingModels)
    {
        _profile = profile;
        _routingModels = routingModels;
    }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message.Request);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message.Request);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineRequest request)
    {
        if (request.Content is null || request.Uri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            return;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer);
        if (JsonNode.Parse(buffer.ToArray()) is not JsonObject body)
        {
            return;
        }

        var changed = false;
        if (body["response_format"] is JsonObject format && format["json_schema"] is JsonObject schema
            && (string?)format["type"] == "json_schema")
        {
            if (_profile.StructuredOutput == StructuredOutputMode.JsonSchemaStrict)
            {
                schema["strict"] = true;
            }
            else
            {
                schema.Remove("strict");
            }

            changed = true;
        }

        if (_routingModels.Count > 1 && !body.ContainsKey("models"))
        {
            body["models"] = new JsonArray([.. _routingModels.Select(m => (JsonNode)JsonValue.Create(m))]);
            changed = true;
        }

        if (_profile.RequireParameters)
        {
            var provider = body["provider"] as JsonObject ?? [];
            provider["require_parameters"] = true;
            body["provider"] = provider;
            changed = true;
        }

        if (changed)
        {
            request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString(Writer)));
        }
    }
}
