using MedicalImaging.Server.Audit;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Api;

/// <summary>Registers the gRPC face of the service: gRPC with JSON transcoding, reflection, and the queries it answers from.</summary>
public static class ImagingApiServiceCollectionExtensions
{
    /// <summary>
    /// gRPC (audit then exception-mapping interceptors, message sizes from MAX_IMAGE_SIZE_MB), JSON transcoding with the
    /// error-detail types, server reflection, and <see cref="ReportQueries"/>.
    /// </summary>
    public static IServiceCollection AddImagingApi(this IServiceCollection services, IConfiguration configuration)
    {
        var maxImageBytes = configuration.Get<MedicalImagingOptions>()?.MaxImageBytes ?? new MedicalImagingOptions().MaxImageBytes;
        services.AddGrpc(grpc =>
        {
            // Audit first (outermost): it records the status the caller gets, after exception mapping.
            grpc.Interceptors.Add<AuditInterceptor>();
            grpc.Interceptors.Add<ExceptionMappingInterceptor>();
            // One inline image of the maximum size fits in a message; larger requests go through UploadImage.
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, maxImageBytes + (1 << 20));
            grpc.MaxSendMessageSize = 64 << 20;
        }).AddJsonTranscoding(transcoding =>
            // Error details (google.rpc.BadRequest, RetryInfo) are Any messages: JSON needs their types.
            transcoding.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.BadRequest.Descriptor, Google.Rpc.RetryInfo.Descriptor, Google.Rpc.ErrorInfo.Descriptor));
        services.AddGrpcReflection();
        services.AddSingleton<ReportQueries>();
        return services;
    }
}
