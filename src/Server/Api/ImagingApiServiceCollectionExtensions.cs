using Grpc.AspNetCore.Server;
using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Catalog;
using MedicalImaging.Server.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Api;

/// <summary>Registers the gRPC face of the service: gRPC with JSON transcoding, reflection, and the queries it answers from.</summary>
public static class ImagingApiServiceCollectionExtensions
{
    /// <summary>Largest response message: a report with its heatmaps, or a page of reports.</summary>
    public const int MaxSendMessageSize = 64 << 20;

    /// <summary>
    /// gRPC with the service's options scoped to its own services (<see cref="ImagingGrpcService"/>, <see cref="AuditGrpcService"/>):
    /// audit then exception-mapping interceptors and message sizes from MAX_IMAGE_SIZE_MB. Nothing is set on the global
    /// <see cref="GrpcServiceOptions"/>, so an application that mounts the service keeps its own services' interceptors,
    /// sizes and compression as they were. Also JSON transcoding with the error-detail types, server reflection, and
    /// <see cref="ReportCatalog"/> (also the chat's view of reports).
    /// </summary>
    public static IServiceCollection AddImagingApi(this IServiceCollection services)
    {
        services.AddGrpc()
            .AddServiceOptions<ImagingGrpcService>(ConfigureOwnService)
            .AddServiceOptions<AuditGrpcService>(ConfigureOwnService)
            .AddJsonTranscoding(transcoding =>
                // Error details (google.rpc.BadRequest, RetryInfo) are Any messages: JSON needs their types. This registry is
                // application-wide (transcoding has no per-service options): a host with its own sets one holding these too.
                transcoding.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                    Google.Rpc.BadRequest.Descriptor, Google.Rpc.RetryInfo.Descriptor, Google.Rpc.ErrorInfo.Descriptor));
        services.AddOptions<GrpcServiceOptions<ImagingGrpcService>>().Configure<IOptions<MedicalImagingOptions>>(LimitMessages);
        services.AddOptions<GrpcServiceOptions<AuditGrpcService>>().Configure<IOptions<MedicalImagingOptions>>(LimitMessages);
        services.AddGrpcReflection();
        services.AddSingleton<ReportCatalog>();
        services.AddSingleton<IChatReports>(sp => sp.GetRequiredService<ReportCatalog>());
        return services;
    }

    private static void ConfigureOwnService<TService>(GrpcServiceOptions<TService> grpc)
        where TService : class
    {
        // Audit first (outermost): it records the status the caller gets, after exception mapping.
        grpc.Interceptors.Add<AuditInterceptor>();
        grpc.Interceptors.Add<ExceptionMappingInterceptor>();
    }

    private static void LimitMessages<TService>(GrpcServiceOptions<TService> grpc, IOptions<MedicalImagingOptions> settings)
        where TService : class
    {
        // One inline image of the maximum size fits in a message; larger requests go through UploadImage.
        grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, settings.Value.MaxImageBytes + (1 << 20));
        grpc.MaxSendMessageSize = MaxSendMessageSize;
    }
}
