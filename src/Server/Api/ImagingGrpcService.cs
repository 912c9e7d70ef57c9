using Google.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MedicalImaging.Server.Api.Mapping;
using MedicalImaging.Server.Catalog;
using MedicalImaging.Server.Chat;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Health;
using MedicalImaging.Server.Uploads;
using MedicalImaging.Server.Pipeline;
using MedicalImaging.Server.Pipeline.Feed;
using MedicalImaging.Server.Pipeline.Jobs;
using MedicalImaging.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api;

/// <summary>The gRPC (and, through transcoding, REST) face of the service: maps messages to domain calls and back.</summary>
[Authorize(Policy = MedicalImagingAuthentication.Policy)]
public sealed class ImagingGrpcService : V1.ImagingService.ImagingServiceBase
{
    private const int MaxChunkBytes = 4 * 1024 * 1024;
    private readonly AnalysisIntake _intake;
    private readonly AnalysisFeed _feed;
    private readonly ReportCatalog _reports;
    private readonly ReportChat _chat;
    private readonly IImageStore _images;
    private readonly IUserRateLimiter _rateLimiter;
    private readonly HealthReporter _health;
    private readonly MedicalImagingOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly StoredDataOptions _storedData;
    private readonly Export.ReportExporter _exporter;

    public ImagingGrpcService(
        AnalysisIntake intake,
        AnalysisFeed feed,
        ReportCatalog reports,
        ReportChat chat,
        IImageStore images,
        IUserRateLimiter rateLimiter,
        HealthReporter health,
        IOptions<MedicalImagingOptions> options,
        IHostApplicationLifetime lifetime,
        IOptions<StoredDataOptions> storedData,
        Export.ReportExporter exporter)
    {
        _exporter = exporter;
        _intake = intake;
        _feed = feed;
        _reports = reports;
        _chat = chat;
        _images = images;
        _rateLimiter = rateLimiter;
        _health = health;
        _options = options.Value;
        _lifetime = lifetime;
        _storedData = storedData.Value;
    }

    public override async Task<V1.UploadImageResponse> UploadImage(IAsyncStreamReader<V1.UploadImageRequest> requestStream, ServerCallContext context)
    {
        var user = CallerIdentity.UserId(context);
        await _rateLimiter.EnsureAllowedAsync(user, "UploadImage", context.CancellationToken);
        var token = context.CancellationToken;

        // A client that stops sending is cut off: its temp file (patient data) goes when the upload is disposed.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(token);
        var idleTimeout = TimeSpan.FromSeconds(_storedData.UploadIdleTimeoutSeconds);
        async Task<bool> NextAsync()
        {
            idle.CancelAfter(idleTimeout);
            try
            {
                return await requestStream.MoveNext(idle.Token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                    $"No upload data for {_storedData.UploadIdleTimeoutSeconds} s (UPLOAD_IDLE_TIMEOUT_SECONDS); the upload was discarded."));
            }
        }

        if (!await NextAsync() || requestStream.Current.PayloadCase != V1.UploadImageRequest.PayloadOneofCase.Metadata)
        {
            throw new InvalidRequestException("metadata", "The first UploadImage message must carry metadata.");
        }

        var metadata = requestStream.Current.Metadata;
        if (metadata.SizeBytes > _options.MaxImageBytes)
        {
            throw new InvalidRequestException("metadata.size_bytes", $"{metadata.Filename} is {metadata.SizeBytes / 1048576.0:F1} MB; the limit is {_options.MaxImageSizeMb} MB (MAX_IMAGE_SIZE_MB).");
        }

        await using var upload = _images.BeginUpload(user, _options.MaxImageBytes);
        while (await NextAsync())
        {
            var message = requestStream.Current;
            if (message.PayloadCase != V1.UploadImageRequest.PayloadOneofCase.Chunk)
            {
                throw new InvalidRequestException("metadata", "Metadata may only be sent once, in the first message.");
            }

            if (message.Chunk.Length > MaxChunkBytes)
            {
                throw new InvalidRequestException("chunk", $"A chunk of {message.Chunk.Length} bytes exceeds {MaxChunkBytes} bytes.");
            }

            await upload.AppendAsync(message.Chunk.Memory, token);
        }

        if (metadata.SizeBytes > 0 && metadata.SizeBytes != upload.Length)
        {
            throw new InvalidRequestException("metadata.size_bytes", $"Announced {metadata.SizeBytes} bytes but received {upload.Length}.");
        }

        var stored = await upload.CompleteAsync(metadata.Sha256, token);
        return new V1.UploadImageResponse { ImageId = stored.ImageId, SizeBytes = stored.SizeBytes, Deduplicated = stored.Deduplicated };
    }

    public override async Task Analyze(V1.AnalyzeRequest request, IServerStreamWriter<V1.AnalyzeResponse> responseStream, ServerCallContext context)
    {
        var user = CallerIdentity.UserId(context);
        await _rateLimiter.EnsureAllowedAsync(user, "Analyze", context.CancellationToken);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);

        // A new analysis, or (same request_id and user) the one an earlier try started; this call follows its feed.
        var analysisId = await _intake.StartAsync(AnalysisMapper.ToDomain(request, user), AnalysisMapper.RequestId(request), cancellation.Token);
        await foreach (var item in _feed.WatchAsync(user, analysisId, 0, cancellation.Token))
        {
            await responseStream.WriteAsync(AnalysisMapper.ToContract(item), cancellation.Token);
        }
    }

    public override async Task AnalyzeStudy(V1.AnalyzeStudyRequest request, IServerStreamWriter<V1.AnalyzeResponse> responseStream, ServerCallContext context)
    {
        var user = CallerIdentity.UserId(context);
        await _rateLimiter.EnsureAllowedAsync(user, "AnalyzeStudy", context.CancellationToken);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        var planner = context.GetHttpContext().RequestServices.GetRequiredService<Studies.StudyAnalysisPlanner>();
        var plan = await planner.PlanAsync(user, request.StudyInstanceUid, request.SeriesInstanceUids, request.MaxFrames, cancellation.Token);
        var analyze = StudyAnalysisMapper.ToAnalyzeRequest(request, plan);
        var analysisId = await _intake.StartAsync(AnalysisMapper.ToDomain(analyze, user), AnalysisMapper.RequestId(analyze), cancellation.Token);
        await foreach (var item in _feed.WatchAsync(user, analysisId, 0, cancellation.Token))
        {
            await responseStream.WriteAsync(AnalysisMapper.ToContract(item), cancellation.Token);
        }
    }

    public override async Task WatchAnalysis(V1.WatchAnalysisRequest request, IServerStreamWriter<V1.WatchAnalysisResponse> responseStream, ServerCallContext context)
    {
        var user = CallerIdentity.UserId(context);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        await foreach (var item in _feed.WatchAsync(user, request.AnalysisId, request.AfterSequence, cancellation.Token))
        {
            await responseStream.WriteAsync(AnalysisMapper.ToWatchContract(item), cancellation.Token);
        }
    }

    public override async Task<V1.GetReportResponse> GetReport(V1.GetReportRequest request, ServerCallContext context)
    {
        var report = await _reports.GetAsync(CallerIdentity.UserId(context), request.ReportId, context.CancellationToken);
        return new V1.GetReportResponse { Report = ReportMapper.ToContract(report) };
    }

    public override async Task<V1.ListReportsResponse> ListReports(V1.ListReportsRequest request, ServerCallContext context)
    {
        var page = await _reports.ListAsync(
            CallerIdentity.UserId(context), request.PageSize, request.PageToken, request.CaseId, request.Modality, context.CancellationToken);
        var response = new V1.ListReportsResponse { NextPageToken = page.Next?.ToToken() ?? string.Empty };
        response.Reports.AddRange(page.Reports.Select(ReportMapper.ToContract));
        return response;
    }

    public override async Task<V1.FindSimilarResponse> FindSimilar(V1.FindSimilarRequest request, ServerCallContext context)
    {
        var similar = await _reports.FindSimilarAsync(
            CallerIdentity.UserId(context), request.ReportId, request.Limit, request.Modality, request.BodyPart, request.MinScore, context.CancellationToken);
        var response = new V1.FindSimilarResponse();
        response.Results.AddRange(similar.Select(s =>
        {
            var result = new V1.SimilarCase
            {
                ReportId = s.Report.Id,
                Score = s.Score,
                CaseId = s.Report.CaseId ?? string.Empty,
                Modality = s.Report.Modality,
                BodyPart = s.Report.BodyPart ?? string.Empty,
                Impression = s.Report.Impression,
                CreatedAt = Timestamp.FromDateTimeOffset(s.Report.CreatedAt),
                Reason = s.Reason,
            };
            result.SharedAnatomy.AddRange(s.SharedAnatomy);
            result.SharedConditions.AddRange(s.SharedConditions);
            return result;
        }));
        return response;
    }

    public override async Task<V1.DeleteReportResponse> DeleteReport(V1.DeleteReportRequest request, ServerCallContext context)
    {
        await _reports.DeleteAsync(CallerIdentity.UserId(context), request.ReportId, context.CancellationToken);
        return new V1.DeleteReportResponse { ReportId = request.ReportId };
    }

    public override async Task<HttpBody> GetHeatmap(V1.GetHeatmapRequest request, ServerCallContext context)
    {
        var png = await _reports.GetHeatmapAsync(CallerIdentity.UserId(context), request.ReportId, request.ImageIndex, context.CancellationToken);
        return new HttpBody { ContentType = "image/png", Data = ByteString.CopyFrom(png) };
    }

    public override async Task<HttpBody> ExportReport(V1.ExportReportRequest request, ServerCallContext context)
    {
        var format = Export.ReportExporter.ParseFormat(request.Format);
        var exported = await _exporter.ExportAsync(CallerIdentity.UserId(context), request.ReportId, format,
            report => JsonFormatter.Default.Format(ReportMapper.ToContract(report)), context.CancellationToken);
        return new HttpBody { ContentType = exported.ContentType, Data = ByteString.CopyFrom(exported.Content) };
    }

    public override async Task Chat(IAsyncStreamReader<V1.ChatRequest> requestStream, IServerStreamWriter<V1.ChatResponse> responseStream, ServerCallContext context)
    {
        var user = CallerIdentity.UserId(context);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        var token = cancellation.Token;
        string? reportId = null;
        while (await requestStream.MoveNext(token))
        {
            var request = requestStream.Current;
            reportId = string.IsNullOrEmpty(request.ReportId) ? reportId : request.ReportId;
            if (reportId is null)
            {
                throw new InvalidRequestException("report_id", "The first chat message must name the report (report_id).");
            }

            await _rateLimiter.EnsureAllowedAsync(user, "Chat", token);
            await foreach (var item in _chat.ReplyAsync(user, reportId, request.Message, token))
            {
                await responseStream.WriteAsync(ChatMapper.ToContract(item), token);
            }
        }
    }

    public override async Task<V1.SendChatMessageResponse> SendChatMessage(V1.SendChatMessageRequest request, ServerCallContext context)
    {
        var user = CallerIdentity.UserId(context);
        await _rateLimiter.EnsureAllowedAsync(user, "SendChatMessage", context.CancellationToken);
        ChatTurn? reply = null;
        await foreach (var item in _chat.ReplyAsync(user, request.ReportId, request.Message, context.CancellationToken))
        {
            reply = item.Reply ?? reply;
        }

        return new V1.SendChatMessageResponse { Reply = ChatMapper.ToContract(reply!) };
    }

    /// <summary>Anyone may ask whether the server serves; the details (providers, database errors, counts) need a token.</summary>
    [AllowAnonymous]
    public override async Task<V1.GetHealthResponse> GetHealth(V1.GetHealthRequest request, ServerCallContext context) =>
        CallerIdentity.TryUserId(context) is { } user
            ? HealthMapper.ToContract(await _health.GetAsync(user, context.CancellationToken))
            : HealthMapper.ToAnonymousContract(await _health.IsServingAsync(context.CancellationToken));
}
