using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Log lines of the DICOMweb endpoints (ids and counts only: never patient attributes).</summary>
internal static partial class DicomWebLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "STOW-RS stored {Stored} instance(s), {Failed} failed")]
    public static partial void Stored(ILogger logger, int stored, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "STOW-RS part refused with failure reason {Reason:X4}")]
    public static partial void PartRefused(ILogger logger, int reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "STOW-RS part could not be stored")]
    public static partial void StoreFailed(ILogger logger, Exception exception);
}
