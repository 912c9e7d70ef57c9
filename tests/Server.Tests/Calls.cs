using Google.Protobuf;
using Grpc.Core;
using MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Tests;

/// <summary>Helpers for calling the service in tests; every await has a timeout.</summary>
internal static class Calls
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static AnalyzeRequest Request(params byte[][] images)
    {
        var request = new AnalyzeRequest();
        for (var i = 0; i < images.Length; i++)
        {
            request.Images.Add(new ImageInput { Filename = $"image{i}.png", Content = ByteString.CopyFrom(images[i]) });
        }

        return request;
    }

    public static async Task<List<AnalyzeResponse>> AnalyzeAsync(this ImagingService.ImagingServiceClient client, AnalyzeRequest request, Metadata auth)
    {
        using var call = client.Analyze(request, auth, DateTime.UtcNow + Timeout);
        var events = new List<AnalyzeResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            events.Add(item);
        }

        return events;
    }

    public static async Task<Report> AnalyzeToReportAsync(this ImagingService.ImagingServiceClient client, AnalyzeRequest request, Metadata auth)
    {
        var events = await client.AnalyzeAsync(request, auth);
        return events[^1].Result.Report;
    }
}
