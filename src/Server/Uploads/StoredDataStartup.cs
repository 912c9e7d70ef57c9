using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Uploads;

/// <summary>
/// At start: narrows the data directory to 0700 and removes upload temp files a crash or a kill left
/// behind (an abandoned upload is patient data nobody can reach or delete).
/// </summary>
public sealed partial class StoredDataStartup : IHostedService
{
    private readonly IImageStore _images;
    private readonly MedicalImagingOptions _options;
    private readonly ILogger<StoredDataStartup> _logger;

    public StoredDataStartup(IImageStore images, IOptions<MedicalImagingOptions> options, ILogger<StoredDataStartup> logger)
    {
        _images = images;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(_options.ResolvedDataDirectory);
        var swept = _images.SweepTemporaryFiles();
        if (swept > 0)
        {
            LogSwept(swept);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} abandoned upload temp file(s)")]
    private partial void LogSwept(int count);
}
