using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Pipeline;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>Analyze requests and events between contract and domain.</summary>
public static class AnalysisMapper
{
    private const int MaxCaseIdLength = 128;
    private const int MaxRequestIdLength = 128;
    private static readonly System.Buffers.SearchValues<char> RequestIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-");

    public static AnalysisRequest ToDomain(V1.AnalyzeRequest request, string ownerId)
    {
        if (request.CaseId.Length > MaxCaseIdLength)
        {
            throw new Domain.InvalidRequestException("case_id", $"case_id is {request.CaseId.Length} characters; at most {MaxCaseIdLength} are accepted.");
        }

        var images = request.Images.Select((image, index) => new ImageSource(
            index,
            image.Filename,
            image.SourceCase == V1.ImageInput.SourceOneofCase.Content ? (ReadOnlyMemory<byte>?)image.Content.Memory : null,
            image.SourceCase == V1.ImageInput.SourceOneofCase.ImageId ? image.ImageId.Trim().ToLowerInvariant() : null,
            Blank(image.ModalityHint)?.ToUpperInvariant(),
            Blank(image.BodyPartHint)?.ToUpperInvariant(),
            image.HasFrameIndex ? image.FrameIndex : null)).ToList();
        var options = request.Options;
        var settings = new AnalysisSettings(
            options?.SkipCache ?? false,
            options is { MaxDimension: > 0 } ? options.MaxDimension : AnalysisSettings.DefaultMaxDimension,
            Blank(options?.WindowPreset ?? string.Empty)?.ToLowerInvariant());
        return new AnalysisRequest(ownerId, images, Blank(request.CaseId), ContextMapper.ToDomain(request.ClinicalContext), settings);
    }

    /// <summary>The client's request id (null when not given): 1 to 128 letters, digits, '.', '_', ':' or '-' (a UUID fits).</summary>
    public static string? RequestId(V1.AnalyzeRequest request)
    {
        var id = request.RequestId;
        if (id.Length == 0)
        {
            return null;
        }

        if (id.Length > MaxRequestIdLength || id.AsSpan().ContainsAnyExcept(RequestIdCharacters))
        {
            throw new Domain.InvalidRequestException("request_id",
                $"request_id must be 1 to {MaxRequestIdLength} characters of letters, digits, '.', '_', ':' or '-' (a UUID fits); got {id.Length} character(s).");
        }

        return id;
    }

    public static V1.AnalyzeResponse ToContract(AnalysisEvent analysisEvent)
    {
        var message = new V1.AnalyzeResponse { AnalysisId = analysisEvent.AnalysisId, Sequence = analysisEvent.Sequence };
        if (analysisEvent.Progress is { } progress)
        {
            message.Progress = ToContract(progress);
        }
        else if (analysisEvent.Outcome is { } outcome)
        {
            message.Result = new V1.AnalysisResult
            {
                Report = ReportMapper.ToContract(outcome.Report),
                Cached = outcome.Cached,
                Degraded = outcome.Degraded,
            };
        }

        return message;
    }

    public static V1.WatchAnalysisResponse ToWatchContract(AnalysisEvent analysisEvent)
    {
        var shared = ToContract(analysisEvent);
        var message = new V1.WatchAnalysisResponse { AnalysisId = shared.AnalysisId, Sequence = shared.Sequence };
        if (shared.Progress is not null)
        {
            message.Progress = shared.Progress;
        }
        else if (shared.Result is not null)
        {
            message.Result = shared.Result;
        }

        return message;
    }

    private static V1.AnalysisProgress ToContract(ProgressInfo progress) => new()
    {
        Stage = (V1.AnalysisStage)(int)progress.Stage,
        Percent = progress.Percent,
        Message = progress.Message,
        ImageIndex = progress.ImageIndex,
        Provider = progress.Provider ?? string.Empty,
    };

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
