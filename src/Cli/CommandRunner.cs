using Grpc.Core;
using MedicalImaging.Cli.Output;
using MedicalImaging.Client;
using MedicalImaging.Dicom;
using MedicalImaging.Imaging;

namespace MedicalImaging.Cli;

/// <summary>
/// Runs a command body and turns failures into one stderr line (<c>error: …</c>) and a documented exit code: the
/// one place that decides, for the server commands and the local DICOM commands alike.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(ICliOutput output, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UsageException ex)
        {
            output.Error(ex.Message);
            return ExitCodes.Usage;
        }
        catch (ImagingException ex)
        {
            output.Error($"{ex.StatusCode}: {ex.Message}" + (ex.RetryAfter is { } after ? $" (retry in {after.TotalSeconds:0} s)" : string.Empty));
            return ExitCodes.From(ex.StatusCode);
        }
        catch (RpcException ex)
        {
            output.Error($"{ex.StatusCode}: {ex.Status.Detail}");
            return ExitCodes.From(ex.StatusCode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DicomFormatException or ImageDecodeException
            or NotSupportedException or InvalidDataException)
        {
            // A file that is missing, unreadable, not DICOM, malformed, or in a syntax no codec here decodes.
            output.Error(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // A value the input does not have (a frame number past the last frame).
            output.Error(ex.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            output.Error("cancelled");
            return ExitCodes.ServerError;
        }
    }
}
