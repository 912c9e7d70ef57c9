using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json.Nodes;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// Gives OpenRouter the whole OPENROUTER_MODELS list (its `models` request field) so that OpenRouter
/// itself falls back between them when one is down or refuses the request; the first model stays the
/// `model` field. Added to the OpenAI SDK's pipeline of the OpenRouter client only; chat-completion
/// request bodies are the only ones changed.
/// </summary>
public sealed class OpenRouterModelsPolicy : PipelinePolicy
{
    private readonly JsonArray _models;

    public OpenRouterModelsPolicy(IReadOnlyList<string> models) =>
        _models = new JsonArray([.. models.Select(m => (JsonNode)JsonValue.Create(m))]);

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        AddModels(message.Request);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        AddModels(message.Request);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void AddModels(PipelineRequest request)
    {
        if (request.Content is null || request.Uri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            return;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer);
        var body = buffer.ToArray();
        if (JsonNode.Parse(body) is not JsonObject parsed || parsed.ContainsKey("models"))
        {
            return;
        }

        // Append the field before the closing brace: the rest of the body stays byte for byte what the
        // SDK wrote (and what every other provider of the chain received).
        var end = Array.LastIndexOf(body, (byte)'}');
        var field = Encoding.UTF8.GetBytes((parsed.Count > 0 ? "," : string.Empty) + "\"models\":" + _models.ToJsonString());
        request.Content = BinaryContent.Create(BinaryData.FromBytes([.. body.AsSpan(0, end), .. field, .. body.AsSpan(end)]));
    }
}
