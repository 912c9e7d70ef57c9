using Google.Rpc;
using Grpc.Core;

namespace MedicalImaging.Client.Mapping;

/// <summary>RpcException → <see cref="ImagingException"/> with field violations and retry hints.</summary>
internal static class ErrorMapper
{
    public static ImagingException From(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => new FieldViolation(v.Field, v.Description)).ToList() ?? [];
        var retry = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        var message = string.IsNullOrEmpty(exception.Status.Detail) ? exception.StatusCode.ToString() : exception.Status.Detail;
        if (FindInChain<System.Security.Authentication.AuthenticationException>(exception.Status.DebugException) is { } tls)
        {
            // The TLS handshake failed: say what to do rather than only "Error starting gRPC call".
            message = $"TLS: the server's certificate was refused ({tls.Message}). If a private CA issued it, trust that CA: "
                + "ImagingClientOptions.CaCertificatePath (medimg --ca-cert FILE or MEDIMG_CA_CERT).";
        }

        return new ImagingException(exception.StatusCode, message, violations, retry, exception);
    }

    private static T? FindInChain<T>(Exception? exception) where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
