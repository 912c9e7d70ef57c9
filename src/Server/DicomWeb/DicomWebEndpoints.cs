using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Routing;
using MedicalImaging.Server.Security;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// Maps the DICOMweb resources (PS3.18) under /dicomweb on the REST port: thin routes that name their audited
/// operation and hand over to <see cref="StowHandler"/>, <see cref="DicomInstanceIndex"/> (QIDO-RS) and
/// <see cref="WadoHandler"/>. Every route needs a bearer token and sees only the caller's instances.
/// </summary>
public static class DicomWebEndpoints
{
    public const string Prefix = "/dicomweb";
    public const string StoreOperation = "DICOMweb/STOW-RS";
    public const string SearchOperation = "DICOMweb/QIDO-RS";
    public const string RetrieveOperation = "DICOMweb/WADO-RS";

    public static IEndpointRouteBuilder MapDicomWeb(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup(Prefix).RequireAuthorization(MedicalImagingAuthentication.Policy).WithMetadata(MedicalImagingEndpoint.Marker);
        var store = web.MapGroup(string.Empty).AddEndpointFilter(new DicomWebAuditFilter(StoreOperation)).WithMetadata(new AuditedHttpOperation(StoreOperation, "dicomweb"));
        store.MapPost("/studies", (HttpContext c) => Run(c, () => StoreAsync(c, null)));
        store.MapPost("/studies/{study}", (HttpContext c, string study) => Run(c, () => StoreAsync(c, study)));

        var search = web.MapGroup(string.Empty).AddEndpointFilter(new DicomWebAuditFilter(SearchOperation)).WithMetadata(new AuditedHttpOperation(SearchOperation, "dicomweb"));
        search.MapGet("/studies", (HttpContext c) => Run(c, () => SearchAsync(c, QueryLevel.Study, null, null)));
        search.MapGet("/series", (HttpContext c) => Run(c, () => SearchAsync(c, QueryLevel.Series, null, null)));
        search.MapGet("/instances", (HttpContext c) => Run(c, () => SearchAsync(c, QueryLevel.Instance, null, null)));
        search.MapGet("/studies/{study}/series", (HttpContext c, string study) => Run(c, () => SearchAsync(c, QueryLevel.Series, study, null)));
        search.MapGet("/studies/{study}/instances", (HttpContext c, string study) => Run(c, () => SearchAsync(c, QueryLevel.Instance, study, null)));
        search.MapGet("/studies/{study}/series/{series}/instances", (HttpContext c, string study, string series) => Run(c, () => SearchAsync(c, QueryLevel.Instance, study, series)));

        var retrieve = web.MapGroup(string.Empty).AddEndpointFilter(new DicomWebAuditFilter(RetrieveOperation)).WithMetadata(new AuditedHttpOperation(RetrieveOperation, "dicomweb"));
        retrieve.MapGet("/studies/{study}", (HttpContext c, string study) => Run(c, () => InstancesAsync(c, study, null, null)));
        retrieve.MapGet("/studies/{study}/series/{series}", (HttpContext c, string study, string series) => Run(c, () => InstancesAsync(c, study, series, null)));
        retrieve.MapGet("/studies/{study}/series/{series}/instances/{sop}", (HttpContext c, string study, string series, string sop) => Run(c, () => InstancesAsync(c, study, series, sop)));
        retrieve.MapGet("/studies/{study}/metadata", (HttpContext c, string study) => Run(c, () => MetadataAsync(c, study, null, null)));
        retrieve.MapGet("/studies/{study}/series/{series}/metadata", (HttpContext c, string study, string series) => Run(c, () => MetadataAsync(c, study, series, null)));
        retrieve.MapGet("/studies/{study}/series/{series}/instances/{sop}/metadata", (HttpContext c, string study, string series, string sop) => Run(c, () => MetadataAsync(c, study, series, sop)));
        retrieve.MapGet("/studies/{study}/series/{series}/instances/{sop}/frames/{frames}", (HttpContext c, string study, string series, string sop, string frames) => Run(c, () => FramesAsync(c, study, series, sop, frames)));
        retrieve.MapGet("/studies/{study}/series/{series}/instances/{sop}/rendered", (HttpContext c, string study, string series, string sop) => Run(c, () => RenderedAsync(c, study, series, sop, "1")));
        retrieve.MapGet("/studies/{study}/series/{series}/instances/{sop}/frames/{frame}/rendered", (HttpContext c, string study, string series, string sop, string frame) => Run(c, () => RenderedAsync(c, study, series, sop, frame)));
        return app;
    }

    private static async Task StoreAsync(HttpContext context, string? study)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<DicomWebOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        }

        var outcomes = await context.RequestServices.GetRequiredService<StowHandler>()
            .StoreAsync(WadoHandler.Owner(context), context.Request.ContentType, context.Request.Body, study, context.RequestAborted);
        foreach (var outcome in outcomes.Where(o => o.Stored))
        {
            DicomWebAuditFilter.Note(context, "study", outcome.StudyInstanceUid);
            DicomWebAuditFilter.Note(context, "instance", outcome.SopInstanceUid);
        }

        var stored = outcomes.Count(o => o.Stored);
        context.Response.StatusCode = stored == outcomes.Count ? StatusCodes.Status200OK
            : stored == 0 ? StatusCodes.Status409Conflict
            : StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/dicom+json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        StoreResponseWriter.Write(writer, outcomes, BaseUrl(context), study);
    }

    private static async Task SearchAsync(HttpContext context, QueryLevel level, string? study, string? series)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<DicomWebOptions>>().Value;
        var query = QidoQueryParser.Parse(context.Request.Query, level, study, series, options.MaxQueryResults);
        DicomWebAuditFilter.Note(context, "study", study);
        var rows = await context.RequestServices.GetRequiredService<DicomInstanceIndex>().SearchAsync(WadoHandler.Owner(context), query, context.RequestAborted);
        foreach (var row in rows)
        {
            DicomWebAuditFilter.Note(context, "study", row.GetValueOrDefault(DicomWebAttributes.StudyInstanceUid.Column));
        }

        // PS3.18 8.3.4.5 / 10.6.3: no match is 204 in earlier editions; 200 with an empty array is what clients handle best.
        context.Response.ContentType = "application/dicom+json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        QidoResponseWriter.Write(writer, query, rows, BaseUrl(context));
    }

    private static async Task InstancesAsync(HttpContext context, string study, string? series, string? sop)
    {
        var wado = context.RequestServices.GetRequiredService<WadoHandler>();
        var instances = await Find(context, wado, study, series, sop);
        await wado.WriteInstancesAsync(context, instances, BaseUrl(context), context.RequestAborted);
    }

    private static async Task MetadataAsync(HttpContext context, string study, string? series, string? sop)
    {
        var wado = context.RequestServices.GetRequiredService<WadoHandler>();
        await wado.WriteMetadataAsync(context, await Find(context, wado, study, series, sop), context.RequestAborted);
    }

    private static async Task FramesAsync(HttpContext context, string study, string series, string sop, string frames)
    {
        var wado = context.RequestServices.GetRequiredService<WadoHandler>();
        await wado.WriteFramesAsync(context, (await Find(context, wado, study, series, sop))[0], frames, context.RequestAborted);
    }

    private static async Task RenderedAsync(HttpContext context, string study, string series, string sop, string frame)
    {
        var wado = context.RequestServices.GetRequiredService<WadoHandler>();
        var number = WadoHandler.FrameNumbers(frame, int.MaxValue);
        if (number.Count != 1)
        {
            throw new DicomWebRequestException(400, $"A rendered frame is one frame number; got '{frame}'.");
        }

        await wado.WriteRenderedAsync(context, (await Find(context, wado, study, series, sop))[0], number[0], context.RequestAborted);
    }

    private static async Task<IReadOnlyList<IndexedInstance>> Find(HttpContext context, WadoHandler wado, string study, string? series, string? sop)
    {
        var instances = await wado.FindAsync(WadoHandler.Owner(context), study, series, sop, context.RequestAborted);
        foreach (var instance in instances)
        {
            DicomWebAuditFilter.Note(context, "instance", instance.SopInstanceUid);
        }

        DicomWebAuditFilter.Note(context, "study", study);
        return instances;
    }

    /// <summary>Runs a handler; a refusal becomes its HTTP status with a problem+json body naming what was wrong.</summary>
    private static async Task Run(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (DicomWebRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
            await Results.Problem(detail: ex.Message, statusCode: ex.StatusCode).ExecuteAsync(context);
        }
        catch (Domain.ResourceNotFoundException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's body limit (DICOMWEB_MAX_REQUEST_MB) or a broken upload.
            context.Response.Clear();
            await Results.Problem(detail: ex.StatusCode == 413 ? $"The request body is above DICOMWEB_MAX_REQUEST_MB; send fewer instances a request." : ex.Message,
                statusCode: ex.StatusCode).ExecuteAsync(context);
        }
    }

    private static string BaseUrl(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Prefix}";
}
