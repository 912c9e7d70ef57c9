using Microsoft.Extensions.Configuration;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>Limits of the DICOMweb endpoints (STOW-RS, QIDO-RS, WADO-RS), bound from the environment.</summary>
public sealed class DicomWebOptions
{
    /// <summary>
    /// Largest STOW-RS request body, in MB (every part together; each part is also held to MAX_IMAGE_SIZE_MB).
    /// Default 2048. Kestrel's own 30 MB default would cut off a study long before that.
    /// </summary>
    [ConfigurationKeyName("DICOMWEB_MAX_REQUEST_MB")]
    public int MaxRequestMb { get; set; } = 2048;

    /// <summary>Most instances one STOW-RS request may carry; further parts are refused (0xA700). Default 1000.</summary>
    [ConfigurationKeyName("DICOMWEB_MAX_INSTANCES_PER_REQUEST")]
    public int MaxInstancesPerRequest { get; set; } = 1000;

    /// <summary>Most results a QIDO-RS search returns when the query gives no (or a larger) limit. Default 1000.</summary>
    [ConfigurationKeyName("DICOMWEB_MAX_QUERY_RESULTS")]
    public int MaxQueryResults { get; set; } = 1000;

    /// <summary>The request limit in bytes.</summary>
    public long MaxRequestBytes => MaxRequestMb * 1024L * 1024L;
}
