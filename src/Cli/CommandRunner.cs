using Grpc.Core;
using MedicalImaging.Cli.Output;
using MedicalImaging.Client;

namespace MedicalImaging.Cli;

/// <summary>Runs a command body and turns failures into one stderr line and a documented exit code.</summary>
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Error(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            output.Error("cancelled");
            return ExitCodes.ServerError;
        }
    }
}
