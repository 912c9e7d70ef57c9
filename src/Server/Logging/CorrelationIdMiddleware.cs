using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MedicalImaging.Server.Logging;

/// <summary>
/// Gives every call a correlation id (the caller's <c>x-correlation-id</c> when it is sane, else a new
/// one), echoes it in the response headers and puts it in the logging scope of everything the call logs.
/// </summary>
public sealed class CorrelationIdMiddleware
{
    public const string HeaderName = "x-correlation-id";
    private readonly RequestDelegate _next;
    private readonly ILogger<CorrelationIdMiddleware> _logger;

    public CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        var id = supplied.Length is > 0 and <= 64 && supplied.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? supplied
            : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        using (_logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id, ["Path"] = context.Request.Path.Value ?? string.Empty }))
        {
            await _next(context);
        }
    }
}
