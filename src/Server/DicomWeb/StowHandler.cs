using System.Security.Cryptography;
using MedicalImaging.Dicom;
using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Uploads;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// STOW-RS (PS3.18 10.5): reads a multipart/related body one part at a time (a part is held in memory only while it is
/// parsed and stored, and never above MAX_IMAGE_SIZE_MB), parses each with our DICOM reader, keeps the bytes in the
/// user's content-addressed image store and the attributes in the index. One bad part fails alone.
/// </summary>
public sealed class StowHandler
{
    private readonly IImageStore _images;
    private readonly DicomInstanceIndex _index;
    private readonly DicomParseOptions _parse;
    private readonly long _maxPartBytes;
    private readonly DicomWebOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StowHandler> _logger;

    public StowHandler(IImageStore images, DicomInstanceIndex index, IOptions<MedicalImagingOptions> imaging, IOptions<DicomWebOptions> options,
        TimeProvider time, ILogger<StowHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(imaging);
        ArgumentNullException.ThrowIfNull(options);
        _images = images;
        _index = index;
        _maxPartBytes = imaging.Value.MaxImageBytes;
        _parse = new DicomParseOptions
        {
            MaxInflatedBytes = _maxPartBytes * AdmissionOptions.InflatedSizeMultiple,
            MaxInflatedBytesSource = $"{AdmissionOptions.InflatedSizeMultiple} × MAX_IMAGE_SIZE_MB",
        };
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Stores every part of <paramref name="body"/>; <paramref name="study"/> (from the URL) when every part must belong to it.</summary>
    public async Task<IReadOnlyList<StoreOutcome>> StoreAsync(string owner, string? contentType, Stream body, string? study, CancellationToken cancellationToken)
    {
        var boundary = MultipartRelatedContent.Boundary(contentType);
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        var outcomes = new List<StoreOutcome>();
        MultipartSection? section;
        try
        {
            section = await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new DicomWebRequestException(400, $"The multipart/related body could not be read: {ex.Message}");
        }

        while (section is not null)
        {
            var outcome = outcomes.Count >= _options.MaxInstancesPerRequest
                ? await RefuseAsync(section, StoreFailureReasons.OutOfResources, $"A request may carry {_options.MaxInstancesPerRequest} instances (DICOMWEB_MAX_INSTANCES_PER_REQUEST); send the rest in another.", cancellationToken)
                : await StorePartAsync(owner, section, study, cancellationToken);
            if (!outcome.Stored)
            {
                DicomWebLog.PartRefused(_logger, outcome.FailureReason!.Value);
            }

            outcomes.Add(outcome);
            try
            {
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                outcomes.Add(StoreOutcome.Failed(StoreFailureReasons.CannotUnderstand, $"The body ended inside a part: {ex.Message}"));
                break;
            }
        }

        if (outcomes.Count == 0)
        {
            throw new DicomWebRequestException(400, "The multipart/related body has no parts; send one application/dicom part per instance.");
        }

        var stored = outcomes.Count(o => o.Stored);
        DicomWebLog.Stored(_logger, stored, outcomes.Count - stored);
        return outcomes;
    }

    private async Task<StoreOutcome> StorePartAsync(string owner, MultipartSection section, string? study, CancellationToken cancellationToken)
    {
        if (section.ContentType is { } partType && !partType.StartsWith("application/dicom", StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(section, StoreFailureReasons.CannotUnderstand, $"Part of type '{partType}'; each part must be application/dicom.", cancellationToken);
        }

        var read = await ReadBoundedAsync(section.Body, cancellationToken);
        if (read is not { } bytes)
        {
            return StoreOutcome.Failed(StoreFailureReasons.OutOfResources, $"The instance is larger than {_maxPartBytes / 1048576} MB (MAX_IMAGE_SIZE_MB).");
        }

        DicomFile file;
        try
        {
            file = DicomFile.ParseHeader(bytes, _parse, out _);
        }
        catch (Exception ex) when (ex is DicomFormatException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            return StoreOutcome.Failed(StoreFailureReasons.CannotUnderstand, $"Not a DICOM object our reader can parse: {ex.Message}");
        }

        var ds = file.Dataset;
        var sopClass = ds.GetFirstString(DicomTags.SopClassUid) ?? string.Empty;
        var sop = ds.GetFirstString(DicomTags.SopInstanceUid) ?? string.Empty;
        if (!file.Meta.Contains(new DicomTag(0x0002, 0x0010)))
        {
            return StoreOutcome.Failed(StoreFailureReasons.CannotUnderstand, "Not a DICOM Part 10 file: it has no File Meta Information (Transfer Syntax UID).", sopClass, sop);
        }

        var values = InstanceAttributes.Read(ds);
        var missing = new[] { DicomWebAttributes.SopClassUid, DicomWebAttributes.SopInstanceUid, DicomWebAttributes.StudyInstanceUid, DicomWebAttributes.SeriesInstanceUid }
            .Where(a => values[a.Column] is null).Select(a => a.Keyword).ToList();
        if (missing.Count > 0)
        {
            return StoreOutcome.Failed(StoreFailureReasons.DataSetDoesNotMatch, $"The instance has no {string.Join(", ", missing)}.", sopClass, sop);
        }

        if (study is not null && values[DicomWebAttributes.StudyInstanceUid.Column] != study)
        {
            return StoreOutcome.Failed(StoreFailureReasons.DataSetDoesNotMatch, $"The instance belongs to study {values[DicomWebAttributes.StudyInstanceUid.Column]}, not to {study} named in the URL.", sopClass, sop);
        }

        var outcome = new StoreOutcome(sopClass, sop, values[DicomWebAttributes.StudyInstanceUid.Column], values[DicomWebAttributes.SeriesInstanceUid.Column], null, null);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        if (await _index.FindAsync(owner, sop, cancellationToken) is { } existing)
        {
            return existing.ImageId == hash ? outcome
                : outcome with { FailureReason = StoreFailureReasons.DuplicateSopInstance, Comment = $"SOP Instance {sop} is already stored with different content; the stored instance is kept." };
        }

        try
        {
            var imageId = await _images.SaveAsync(owner, bytes, cancellationToken);
            var instance = new IndexedInstance(imageId, file.TransferSyntax.Uid, bytes.Length, values, InstanceAttributes.SlicePosition(ds));
            if (!await _index.AddAsync(owner, instance, _time.GetUtcNow(), cancellationToken)
                && (await _index.FindAsync(owner, sop, cancellationToken))?.ImageId != imageId)
            {
                return outcome with { FailureReason = StoreFailureReasons.DuplicateSopInstance, Comment = $"SOP Instance {sop} was stored with different content by a concurrent request." };
            }

            return outcome;
        }
        catch (CapacityExceededException ex)
        {
            return outcome with { FailureReason = StoreFailureReasons.OutOfResources, Comment = ex.Message };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            DicomWebLog.StoreFailed(_logger, ex);
            return outcome with { FailureReason = StoreFailureReasons.ProcessingFailure, Comment = "The instance could not be stored (server error); try again." };
        }
    }

    /// <summary>The part's bytes, or null when it is above the per-instance limit (the rest of it is read and dropped).</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxPartBytes)
            {
                await body.CopyToAsync(Stream.Null, cancellationToken);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<StoreOutcome> RefuseAsync(MultipartSection section, ushort reason, string comment, CancellationToken cancellationToken)
    {
        await section.Body.CopyToAsync(Stream.Null, cancellationToken);
        return StoreOutcome.Failed(reason, comment);
    }
}
