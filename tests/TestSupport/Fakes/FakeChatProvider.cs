using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MedicalImaging.Tests.Support.Fakes;

/// <summary>
/// A real HTTP server speaking the OpenAI chat-completions wire format (as Gemini's, OpenRouter's and
/// Groq's OpenAI-compatible endpoints do), answering from a script: each request takes the next
/// behaviour; when the script is empty, <see cref="Default"/> answers.
/// </summary>
public sealed class FakeChatProvider : FakeHttpServer
{
    private readonly ConcurrentQueue<ChatBehavior> _script = new();

    private FakeChatProvider(string name) => Name = name;

    public string Name { get; }

    /// <summary>What answers when the script is empty.</summary>
    public ChatBehavior Default { get; set; } = new ChatBehavior.Auto();

    /// <summary>How long every answer waits before it is sent (a slow provider); cancelled when the caller hangs up.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<FakeChatProvider> StartAsync(string name)
    {
        var fake = new FakeChatProvider(name);
        await fake.StartListeningAsync();
        return fake;
    }

    /// <summary>Queues behaviours for the next requests.</summary>
    public FakeChatProvider Then(params ChatBehavior[] behaviors)
    {
        foreach (var behavior in behaviors)
        {
            _script.Enqueue(behavior);
        }

        return this;
    }

    /// <summary>A schema-valid answer describing <paramref name="imageCount"/> images with one localised finding on image 0.</summary>
    public static string ValidFindings(int imageCount, string description = "Rounded 2 cm opacity in the right upper zone", double x = 0.25, double y = 0.35) =>
        JsonSerializer.Serialize(new
        {
            images = Enumerable.Range(0, imageCount).Select(i => new { index = i, description = $"Frontal chest radiograph number {i}, adequate exposure." }),
            findings = new object[]
            {
                new { description, anatomy = "right upper lung zone", severity = "moderate", confidence = 0.72, image_index = 0, bounding_box = new { x, y, width = 0.15, height = 0.15 } },
            },
        });

    protected override async Task HandleAsync(HttpContext context, string body)
    {
        if (!context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var behavior = _script.TryDequeue(out var next) ? next : Default;
        if (behavior is ChatBehavior.Auto)
        {
            behavior = new ChatBehavior.Answer(
                body.Contains("structured_report", StringComparison.Ordinal) ? ValidReport()
                : body.Contains("image_findings", StringComparison.Ordinal) ? ValidFindings(CountImages(body))
                : "The report describes [f1]; radiologist review is advised.");
        }
        var model = ServedModel ?? TryModel(body);
        var streaming = body.Contains("\"stream\":true", StringComparison.Ordinal);
        switch (behavior)
        {
            case ChatBehavior.Answer answer when streaming:
                await WriteStreamAsync(context, model, SplitTokens(answer.Content), complete: true);
                break;
            case ChatBehavior.BreakAfter broken:
                await WriteStreamAsync(context, model, broken.Tokens, complete: false);
                context.Abort();
                break;
            case ChatBehavior.Stall stalled:
                await WriteStreamAsync(context, model, stalled.Tokens, complete: false);
                await context.Response.Body.FlushAsync();
                try
                {
                    // Until the client closes the connection (bounded, so a test that forgets cannot hang the server).
                    await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
            case ChatBehavior.StreamError failing:
                await WriteStreamAsync(context, model, failing.Tokens, complete: false);
                await context.Response.WriteAsync($"data: {failing.ErrorEvent}\n\ndata: [DONE]\n\n");
                break;
            case ChatBehavior.StreamWithoutFinish unfinished:
                await WriteStreamAsync(context, model, unfinished.Tokens, complete: false);
                await context.Response.WriteAsync("data: [DONE]\n\n");
                break;
            case ChatBehavior.StreamWithoutDone undone:
                await WriteStreamAsync(context, model, undone.Tokens, complete: false);
                await context.Response.WriteAsync($"data: {FinishChunk(model)}\n\n");
                break;
            case ChatBehavior.Answer answer:
                await WriteCompletionAsync(context, model, answer.Content, answer.PromptTokens, answer.CompletionTokens);
                break;
            case ChatBehavior.Slow slow:
                try
                {
                    await Task.Delay(slow.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await WriteCompletionAsync(context, model, slow.Content, 10, 10);
                break;
            case ChatBehavior.Fail fail:
                context.Response.StatusCode = fail.Status;
                context.Response.ContentType = "application/json";
                if (fail.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fail.RetryAfter;
                }

                foreach (var (name, value) in fail.Headers ?? new Dictionary<string, string>())
                {
                    context.Response.Headers[name] = value;
                }

                await context.Response.WriteAsync(fail.Body);
                break;
            case ChatBehavior.Garbage:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"x\", \"choices\": [ this is not json");
                break;
        }
    }

    /// <summary>A schema-valid report that reflects finding f1 and cites the first fake PubMed article.</summary>
    public static string ValidReport(string impression = "Moderate rounded opacity in the right upper zone [f1]; further evaluation advised.", string citedPmid = "31415926") =>
        JsonSerializer.Serialize(new
        {
            technique = "Single frontal chest radiograph, preprocessed and reviewed by an AI model.",
            comparison = "None.",
            impression,
            recommendations = new[] { "CT chest for characterisation of the right upper zone opacity." },
            limitations = new[] { "Single projection." },
            overall_severity = "moderate",
            key_findings = new[] { "[f1] Rounded 2 cm opacity, right upper lung zone" },
            cited_pmids = new[] { citedPmid },
        });

    private static int CountImages(string body) => Math.Max(1, System.Text.RegularExpressions.Regex.Count(body, "data:image/png;base64,"));

    private static string[] SplitTokens(string content) =>
        System.Text.RegularExpressions.Regex.Split(content, "(?<= )").Where(t => t.Length > 0).ToArray();

    private static async Task WriteStreamAsync(HttpContext context, string model, IEnumerable<string> tokens, bool complete)
    {
        context.Response.ContentType = "text/event-stream";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var token in tokens)
        {
            var chunk = JsonSerializer.Serialize(new
            {
                id = "chatcmpl-fake",
                @object = "chat.completion.chunk",
                created,
                model,
                choices = new[] { new { index = 0, delta = new { role = "assistant", content = token }, finish_reason = (string?)null } },
            });
            await context.Response.WriteAsync($"data: {chunk}\n\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(5);
        }

        if (complete)
        {
            await context.Response.WriteAsync($"data: {FinishChunk(model)}\n\ndata: [DONE]\n\n");
        }
    }

    /// <summary>The last chunk of a finished stream: an empty delta with <c>finish_reason: "stop"</c>.</summary>
    private static string FinishChunk(string model) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion.chunk",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model,
        choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
    });

    /// <summary>When set, every answer names this model instead of the requested one, as a router serving another
    /// model than the one asked for does; tests use it to prove the answered model is recorded, not the configured one.</summary>
    public string? ServedModel { get; set; }

    /// <summary>Models that are "down" when a request lists several in `models` (OpenRouter's routing): the first
    /// listed model not in this set serves the request and is named in the response.</summary>
    public HashSet<string> UnavailableModels { get; } = new(StringComparer.Ordinal);

    private string TryModel(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array)
            {
                return models.EnumerateArray().Select(m => m.GetString() ?? "unknown").FirstOrDefault(m => !UnavailableModels.Contains(m)) ?? "unknown";
            }

            return document.RootElement.TryGetProperty("model", out var m) ? m.GetString() ?? "unknown" : "unknown";
        }
        catch (JsonException)
        {
            return "unknown";
        }
    }

    private static Task WriteCompletionAsync(HttpContext context, string model, string content, int promptTokens, int completionTokens)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));
    }
}
