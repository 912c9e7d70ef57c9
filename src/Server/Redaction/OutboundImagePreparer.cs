using System.Diagnostics;
using MedicalImaging.Imaging.TextDetection;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Redaction;

/// <summary>
/// Makes the copies of an analysis's images that may leave the process: each preprocessed PNG with its
/// burned-in text blanked (<see cref="BurnedInTextPolicy"/> decides which are read). Called only when an
/// external provider is about to be asked, so an analysis the local provider answers alone runs no OCR;
/// done once per analysis (the copies are kept on each <see cref="OutboundImage"/>). The preprocessed PNG, the
/// heatmap and the stored original are never changed.
/// </summary>
public sealed partial class OutboundImagePreparer
{
    private readonly BurnedInTextRedactor _redactor;
    private readonly BurnedInTextMode _mode;
    private readonly ILogger<OutboundImagePreparer> _logger;
    private long _imagesRead;

    public OutboundImagePreparer(ITextDetector detector, IOptions<MedicalImagingOptions> options, ILogger<OutboundImagePreparer> logger)
    {
        _redactor = new BurnedInTextRedactor(detector);
        _mode = BurnedInTextModes.Parse(options.Value.RedactBurnedInText);
        _logger = logger;
    }

    /// <summary>Images OCR has read since start (a white-box counter for tests and health).</summary>
    public long ImagesRead => Interlocked.Read(ref _imagesRead);

    /// <summary>Prepares (once) and returns the outbound PNG of every image, in order.</summary>
    /// <exception cref="BurnedInTextUnavailableException">An image needed a check that could not run.</exception>
    public IReadOnlyList<byte[]> Prepare(OutboundImages outbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        var started = Stopwatch.GetTimestamp();
        var anyRead = false;
        foreach (var image in outbound.Images)
        {
            if (image.Png is not null)
            {
                continue;
            }

            var png = image.SourcePng;
            var (check, reason) = BurnedInTextPolicy.Decide(image.Metadata, _mode);
            if (!check)
            {
                image.Check = new BurnedInTextCheck(false, 0, reason);
                image.Png = png;
                continue;
            }

            TextRedaction redaction;
            try
            {
                redaction = _redactor.Redact(png, cancellationToken);
            }
            catch (Exception ex) when (ex is TextDetectionUnavailableException or ArgumentException or OpenCvSharp.OpenCVException)
            {
                LogCheckFailed(image.Index, ex.Message);
                throw new BurnedInTextUnavailableException($"Image {image.Index} could not be checked for burned-in text: {ex.Message}", ex);
            }

            anyRead = true;
            Interlocked.Increment(ref _imagesRead);
            image.Check = new BurnedInTextCheck(true, redaction.Regions.Count, reason);
            image.Png = redaction.Png;
            LogChecked(image.Index, redaction.Regions.Count, reason);
        }

        if (anyRead)
        {
            outbound.ReadMillis = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return [.. outbound.Images.Select(i => i.Png ?? throw new InvalidOperationException($"The outbound copy of image {i.Index} was not made."))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Burned-in text check of image {Index} ({Reason}): {Regions} region(s) blanked in the outbound copy")]
    private partial void LogChecked(int index, int regions, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Burned-in text check of image {Index} failed: {Reason}; its pixels will not be sent")]
    private partial void LogCheckFailed(int index, string reason);
}
