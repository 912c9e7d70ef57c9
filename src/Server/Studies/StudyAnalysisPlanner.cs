using MedicalImaging.Server.Domain;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.DicomWeb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Studies;

/// <summary>
/// Plans the analysis of a stored study for its owner: finds its instances (or those of the chosen series) in the
/// DICOMweb index and picks at most STUDY_MAX_FRAMES (and MAX_IMAGES_PER_REQUEST) representative images.
/// </summary>
public sealed partial class StudyAnalysisPlanner
{
    private readonly DicomInstanceIndex _index;
    private readonly int _maxFrames;
    private readonly ILogger<StudyAnalysisPlanner> _logger;

    public StudyAnalysisPlanner(DicomInstanceIndex index, IOptions<StudyAnalysisOptions> options, IOptions<MedicalImagingOptions> imaging, ILogger<StudyAnalysisPlanner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(imaging);
        _index = index;
        _maxFrames = Math.Min(options.Value.MaxFrames, imaging.Value.MaxImagesPerRequest);
        _logger = logger;
    }

    /// <summary>The most images a study analysis runs on here.</summary>
    public int MaxFrames => _maxFrames;

    /// <exception cref="InvalidRequestException">No study UID, or a max_frames below 0.</exception>
    /// <exception cref="ResourceNotFoundException">The caller stored no such study (or none of the series).</exception>
    public async Task<StudyPlan> PlanAsync(string owner, string study, IReadOnlyCollection<string> series, int maxFrames, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(study))
        {
            throw new InvalidRequestException("study_instance_uid", "study_instance_uid is required: the Study Instance UID of a study stored through DICOMweb (POST /dicomweb/studies).");
        }

        if (maxFrames < 0)
        {
            throw new InvalidRequestException("max_frames", $"max_frames must be 0 (the server's STUDY_MAX_FRAMES) or positive; got {maxFrames}.");
        }

        var instances = (await _index.ListAsync(owner, study, null, null, cancellationToken))
            .Where(i => series.Count == 0 || series.Contains(i.SeriesInstanceUid))
            .Where(i => i.Values.GetValueOrDefault(DicomWebAttributes.Rows.Column) is not null)
            .ToList();
        if (instances.Count == 0)
        {
            throw new ResourceNotFoundException(series.Count == 0
                ? $"Study {study} was not found, or has no images; store it first with STOW-RS (POST /dicomweb/studies)."
                : $"None of the series asked for has images in study {study}.");
        }

        var budget = maxFrames == 0 ? _maxFrames : Math.Min(maxFrames, _maxFrames);
        var plan = StudyFramePlanner.Plan(instances, budget);
        if (plan.IsSubset)
        {
            LogSubset(_logger, plan.Frames.Count, plan.CandidateFrames, plan.SeriesCount);
        }

        return plan;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Study analysis samples {Chosen} of {Candidates} images over {Series} series (STUDY_MAX_FRAMES)")]
    private static partial void LogSubset(ILogger logger, int chosen, int candidates, int series);
}
