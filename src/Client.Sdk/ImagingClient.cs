using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Client.Mapping;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Client;

/// <summary>
/// The .NET client of the MedicalImaging service. Returns the SDK's own types; failures surface as
/// <see cref="ImagingException"/>. Thread-safe; create one per application (or use AddImagingClient).
/// </summary>
public sealed class ImagingClient : IDisposable
{
    private readonly V1.ImagingService.ImagingServiceClient _client;
    private readonly ImagingClientOptions _options;
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Wraps a generated client (the DI registration uses this).</summary>
    public ImagingClient(V1.ImagingService.ImagingServiceClient client, ImagingClientOptions options)
    {
        _client = client;
        _options = options;
    }

    private ImagingClient(GrpcChannel channel, ImagingClientOptions options)
        : this(new V1.ImagingService.ImagingServiceClient(channel), options) => _ownedChannel = channel;

    /// <summary>A client that owns its channel (for use without dependency injection).</summary>
    /// <exception cref="InvalidOperationException"><see cref="ImagingClientOptions.CaCertificatePath"/> cannot be read or holds no certificate.</exception>
    public static ImagingClient Create(ImagingClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            HttpHandler = Tls.CaTrust.CreateHandler(options),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        return new ImagingClient(channel, options);
    }

    /// <summary>Uploads an image in chunks; answers its content address.</summary>
    public async Task<UploadedImage> UploadImageAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken = default)
    {
        try
        {
            using var call = _client.UploadImage(await HeadersAsync(cancellationToken), Deadline(_options.StreamTimeout), cancellationToken);
            await call.RequestStream.WriteAsync(new V1.UploadImageRequest
            {
                Metadata = new V1.UploadImageMetadata
                {
                    Filename = fileName,
                    SizeBytes = content.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span)),
                },
            }, cancellationToken);
            for (var offset = 0; offset < content.Length; offset += _options.ChunkBytes)
            {
                var chunk = content.Slice(offset, Math.Min(_options.ChunkBytes, content.Length - offset));
                await call.RequestStream.WriteAsync(new V1.UploadImageRequest { Chunk = ByteString.CopyFrom(chunk.Span) }, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
            var response = await call;
            return new UploadedImage(response.ImageId, response.SizeBytes, response.Deduplicated);
        }
        catch (RpcException ex)
        {
            throw ErrorMapper.From(ex);
        }
    }

    /// <summary>
    /// Runs an analysis and yields its progress, then the result. Images above
    /// <see cref="ImagingClientOptions.InlineThresholdBytes"/> are uploaded first and sent by id.
    /// </summary>
    public async IAsyncEnumerable<AnalysisUpdate> AnalyzeAsync(AnalysisSubmission submission, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new V1.AnalyzeRequest
        {
            CaseId = submission.CaseId ?? string.Empty,
            Options = new V1.AnalysisOptions { SkipCache = submission.SkipCache },
            RequestId = submission.RequestId ?? Guid.NewGuid().ToString("N"),
        };
        foreach (var image in submission.Images)
        {
            var input = new V1.ImageInput { Filename = image.FileName, ModalityHint = image.ModalityHint ?? string.Empty, BodyPartHint = image.BodyPartHint ?? string.Empty };
            if (image.Content.Length > _options.InlineThresholdBytes)
            {
                input.ImageId = (await UploadImageAsync(image.Content, image.FileName, cancellationToken)).ImageId;
            }
            else
            {
                input.Content = ByteString.CopyFrom(image.Content.Span);
            }

            request.Images.Add(input);
        }

        if (submission.ClinicalContext is { } context)
        {
            request.ClinicalContext = new V1.ClinicalContext
            {
                Sex = context.Sex?.ToLowerInvariant() switch { "female" => V1.Sex.Female, "male" => V1.Sex.Male, "other" => V1.Sex.Other, _ => V1.Sex.Unspecified },
                Indication = context.Indication ?? string.Empty,
                ClinicalQuestion = context.ClinicalQuestion ?? string.Empty,
            };
            if (context.AgeYears is { } age)
            {
                request.ClinicalContext.AgeYears = age;
            }

            request.ClinicalContext.Symptoms.AddRange(context.Symptoms ?? []);
        }

        await foreach (var update in FollowAsync(request, null, 0, cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>
    /// Re-attaches to an analysis (after a dropped stream or a server restart): its events after
    /// <paramref name="afterSequence"/>, then live ones until the result.
    /// </summary>
    public async IAsyncEnumerable<AnalysisUpdate> WatchAnalysisAsync(string analysisId, long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in FollowAsync(null, analysisId, afterSequence, cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>
    /// Follows an analysis to its result: Analyze (when <paramref name="analyze"/> is given and no event has come yet)
    /// or WatchAnalysis after the last event seen. When the server answers UNAVAILABLE (it is stopping or restarting:
    /// a deploy) the stream is re-opened after the server's RetryInfo delay (else a short backoff) for up to
    /// <see cref="ImagingClientOptions.ReattachTimeout"/>: before the first event by sending the same Analyze again
    /// (its request_id makes that the same analysis), after it by WatchAnalysis from the last sequence number, so the
    /// caller sees every event once, in order.
    /// </summary>
    private async IAsyncEnumerable<AnalysisUpdate> FollowAsync(V1.AnalyzeRequest? analyze, string? analysisId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = afterSequence;
        DateTime? reattachUntil = null;
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var headers = await HeadersAsync(cancellationToken);
            var deadline = Deadline(_options.StreamTimeout);
            using var stream = analysisId is null && analyze is not null
                ? EventStream.Of(_client.Analyze(analyze, headers, deadline, cancellationToken),
                    e => ContractMapper.ToUpdate(e.AnalysisId, e.Sequence, e.Progress, e.Result))
                : EventStream.Of(_client.WatchAnalysis(new V1.WatchAnalysisRequest { AnalysisId = analysisId, AfterSequence = last }, headers, deadline, cancellationToken),
                    e => ContractMapper.ToUpdate(e.AnalysisId, e.Sequence, e.Progress, e.Result));
            RpcException? dropped = null;
            while (true)
            {
                AnalysisUpdate? update;
                try
                {
                    update = await stream.NextAsync(cancellationToken);
                }
                catch (RpcException ex) when (Reattachable(ex) && _options.ReattachTimeout > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
                {
                    dropped = ex;
                    break;
                }
                catch (RpcException ex)
                {
                    throw ErrorMapper.From(ex);
                }

                if (update is null)
                {
                    yield break;
                }

                reattachUntil = null;
                backoff = TimeSpan.FromMilliseconds(250);
                analysisId ??= update.AnalysisId;
                if (update.Sequence <= last)
                {
                    continue;
                }

                last = update.Sequence;
                yield return update;
            }

            reattachUntil ??= DateTime.UtcNow + _options.ReattachTimeout;
            if (DateTime.UtcNow >= reattachUntil)
            {
                throw ErrorMapper.From(dropped);
            }

            var hinted = dropped.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>()?.RetryDelay?.ToTimeSpan();
            await Task.Delay(hinted is { } hint && hint > TimeSpan.Zero ? hint : backoff, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>
    /// UNAVAILABLE from the server going away (its ErrorInfo reason SERVER_STOPPING) or from the transport (no status
    /// from the server: refused or reset while it restarts). An analysis that failed because no AI provider answered is
    /// also UNAVAILABLE, but with neither: re-attaching to it would only fetch the same failure again.
    /// </summary>
    private static bool Reattachable(RpcException exception)
    {
        if (exception.StatusCode != StatusCode.Unavailable)
        {
            return false;
        }

        var status = exception.GetRpcStatus();
        return status is null || status.GetDetail<Google.Rpc.ErrorInfo>()?.Reason == "SERVER_STOPPING";
    }

    /// <summary>One report.</summary>
    public Task<MedicalReport> GetReportAsync(string reportId, CancellationToken cancellationToken = default) =>
        UnaryAsync(async (headers, deadline) => ContractMapper.ToReport((await _client.GetReportAsync(new V1.GetReportRequest { ReportId = reportId }, headers, deadline, cancellationToken)).Report), cancellationToken);

    /// <summary>A page of your reports, newest first.</summary>
    public Task<ReportPage> ListReportsAsync(int pageSize = 20, string? pageToken = null, string? caseId = null, string? modality = null, CancellationToken cancellationToken = default) =>
        UnaryAsync(async (headers, deadline) =>
        {
            var response = await _client.ListReportsAsync(
                new V1.ListReportsRequest { PageSize = pageSize, PageToken = pageToken ?? string.Empty, CaseId = caseId ?? string.Empty, Modality = modality ?? string.Empty },
                headers, deadline, cancellationToken);
            return new ReportPage(response.Reports.Select(ContractMapper.ToSummary).ToList(), string.IsNullOrEmpty(response.NextPageToken) ? null : response.NextPageToken);
        }, cancellationToken);

    /// <summary>Your reports most similar to one report.</summary>
    public Task<IReadOnlyList<SimilarCase>> FindSimilarAsync(string reportId, int limit = 5, CancellationToken cancellationToken = default) =>
        UnaryAsync<IReadOnlyList<SimilarCase>>(async (headers, deadline) =>
            (await _client.FindSimilarAsync(new V1.FindSimilarRequest { ReportId = reportId, Limit = limit }, headers, deadline, cancellationToken)).Results.Select(ContractMapper.ToSimilar).ToList(),
            cancellationToken);

    /// <summary>Deletes one report with its heatmaps, embedding and chat.</summary>
    public Task DeleteReportAsync(string reportId, CancellationToken cancellationToken = default) =>
        UnaryAsync(async (headers, deadline) => await _client.DeleteReportAsync(new V1.DeleteReportRequest { ReportId = reportId }, headers, deadline, cancellationToken), cancellationToken);

    /// <summary>The heatmap PNG of one image of a report.</summary>
    public Task<byte[]> GetHeatmapAsync(string reportId, int imageIndex, CancellationToken cancellationToken = default) =>
        UnaryAsync(async (headers, deadline) =>
            (await _client.GetHeatmapAsync(new V1.GetHeatmapRequest { ReportId = reportId, ImageIndex = imageIndex }, headers, deadline, cancellationToken)).Data.ToByteArray(),
            cancellationToken);

    /// <summary>One report exported as "sr" (DICOM SR, application/dicom), "fhir" (FHIR R4 Bundle JSON) or "json".</summary>
    public Task<byte[]> ExportReportAsync(string reportId, string format, CancellationToken cancellationToken = default) =>
        UnaryAsync(async (headers, deadline) =>
            (await _client.ExportReportAsync(new V1.ExportReportRequest { ReportId = reportId, Format = format }, headers, deadline, cancellationToken)).Data.ToByteArray(),
            cancellationToken);

    /// <summary>The service's health: the status needs no token, the details (providers, database, counts) do.</summary>
    public Task<HealthStatus> GetHealthAsync(CancellationToken cancellationToken = default) =>
        UnaryAsync(async (headers, deadline) => ContractMapper.ToHealth(await _client.GetHealthAsync(new V1.GetHealthRequest(), headers, deadline, cancellationToken)), cancellationToken);

    /// <summary>Asks one question about a report; yields the reply as it is written, then the complete reply.</summary>
    public async IAsyncEnumerable<ChatUpdate> ChatAsync(string reportId, string message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = _client.Chat(await HeadersAsync(cancellationToken), Deadline(_options.StreamTimeout), cancellationToken);
        await call.RequestStream.WriteAsync(new V1.ChatRequest { ReportId = reportId, Message = message }, cancellationToken);
        await call.RequestStream.CompleteAsync();
        await foreach (var update in ResponseStreams.ReadAllAsync(call.ResponseStream, ContractMapper.ToChatUpdate, cancellationToken))
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ownedChannel?.Dispose();

    private async Task<T> UnaryAsync<T>(Func<Metadata, DateTime, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(await HeadersAsync(cancellationToken), Deadline(_options.CallTimeout));
        }
        catch (RpcException ex)
        {
            throw ErrorMapper.From(ex);
        }
    }

    private async ValueTask<Metadata> HeadersAsync(CancellationToken cancellationToken)
    {
        var token = _options.TokenProvider is { } provider ? await provider(cancellationToken) : _options.Token;
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return headers;
    }

    private static DateTime Deadline(TimeSpan timeout) => DateTime.UtcNow + timeout;
}
