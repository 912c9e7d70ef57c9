using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Privacy;
using MedicalImaging.Server.Redaction;

namespace MedicalImaging.Server.Providers;

/// <summary>
/// What an <see cref="IVisionAnalyzer"/> needs of an analysis, and nothing more: the images, the de-identified
/// clinical context and the identifiers known to belong to the patient (which the egress guard keeps from
/// leaving). Built by the vision stage from the pipeline's state.
/// </summary>
public sealed class VisionRequest
{
    public VisionRequest(IReadOnlyList<VisionImage> images, ClinicalContextInfo? context, IdentifierSet known)
    {
        Images = images;
        Context = context;
        Known = known;
        Outbound = new OutboundImages([.. images.Select(i => i.Outbound)]);
    }

    public IReadOnlyList<VisionImage> Images { get; }

    /// <summary>The clinical context with identifiers redacted; null when none was given.</summary>
    public ClinicalContextInfo? Context { get; }

    public IdentifierSet Known { get; }

    /// <summary>The images' outbound copies, made when the first external provider is about to be called.</summary>
    public OutboundImages Outbound { get; }
}
