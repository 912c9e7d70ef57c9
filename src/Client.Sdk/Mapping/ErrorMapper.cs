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
        return new ImagingException(exception.StatusCode, message, violations, retry, exception);
    }
}
