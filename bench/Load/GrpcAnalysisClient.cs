using MedicalImaging.Client;

namespace MedicalImaging.Load;

/// <summary>Analyze through the .NET SDK (gRPC, HTTP/2; the SDK opens more connections past 100 streams).</summary>
internal sealed class GrpcAnalysisClient(Uri grpcAddress, string token, byte[] image, string fileName) : IAnalysisClient
{
    private readonly ImagingClient _client = ImagingClient.Create(new ImagingClientOptions
    {
        Address = grpcAddress,
        Token = token,
        StreamTimeout = TimeSpan.FromMinutes(30),
        // A load test counts failures; it does not hide them behind re-attaching.
        ReattachTimeout = TimeSpan.Zero,
    });

    private readonly AnalysisSubmission _submission = new() { Images = [new ImageFile(fileName, image)] };

    public async Task<(bool Ok, string? Error)> AnalyzeAsync(CancellationToken cancellationToken)
    {
        try
        {
            AnalysisUpdate? last = null;
            await foreach (var update in _client.AnalyzeAsync(_submission, cancellationToken))
            {
                last = update;
            }

            return last?.Result is not null ? (true, null) : (false, "stream ended without a result");
        }
        catch (ImagingException ex)
        {
            return (false, ex.Message.Length > 120 ? ex.Message[..120] : ex.Message);
        }
    }

    public StageTimes Stages { get; } = new();

    public void Dispose() => _client.Dispose();
}
