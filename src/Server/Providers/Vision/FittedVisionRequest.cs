using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Providers.Fitting;
using MedicalImaging.Server.Providers.Prompts;
using Microsoft.Extensions.AI;

namespace MedicalImaging.Server.Providers.Vision;

/// <summary>
/// The vision request as one provider receives it: the images fitted to its profile and the text naming only
/// those. Each attempt gets fresh message and option objects; what was sent goes into the provenance.
/// </summary>
public sealed class FittedVisionRequest
{
    private readonly string _userText;
    private readonly IReadOnlyList<FittedImage> _images;
    private readonly ChatOptions _options;

    internal FittedVisionRequest(Prompt prompt, string userText, IReadOnlyList<FittedImage> images, ChatOptions options)
    {
        Prompt = prompt;
        _userText = userText;
        _images = images;
        _options = options;
    }

    public Prompt Prompt { get; }

    /// <summary>Images attached (the first ones of the request, in order).</summary>
    public int ImageCount => _images.Count;

    /// <summary>What each attached image is: size, encoding, bytes.</summary>
    public required IReadOnlyList<SentImage> Sent { get; init; }

    /// <summary>Images of the request left out to keep within the provider's budget.</summary>
    public required int Dropped { get; init; }

    /// <summary>Body size planned for (text with an escaping margin, envelope, base64 images), bytes.</summary>
    public required long PlannedBytes { get; init; }

    /// <summary>New message objects for one attempt.</summary>
    public List<ChatMessage> ToMessages()
    {
        var user = new ChatMessage(ChatRole.User, [new TextContent(_userText)]);
        foreach (var image in _images)
        {
            user.Contents.Add(new DataContent(image.Bytes, image.MediaType));
        }

        return [new ChatMessage(ChatRole.System, Prompt.Text), user];
    }

    /// <summary>New options for one attempt.</summary>
    public ChatOptions ToOptions() => _options.Clone();

    /// <summary>A provenance record of this request's attempt.</summary>
    public ProviderAttemptRecord Record(ProviderAttemptRecord attempt) =>
        attempt with { ImagesSent = Sent, ImagesDropped = Dropped, RequestBytes = PlannedBytes };
}
