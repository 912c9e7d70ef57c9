using MedicalImaging.Server.Studies;
using V1 = MedicalImaging.Contracts.V1;

namespace MedicalImaging.Server.Api.Mapping;

/// <summary>
/// Turns an AnalyzeStudy call and its plan into the Analyze request it amounts to: one image per planned frame, by image
/// store id and frame index, labelled with where it sits in its series, so the rest (validation, cache, request id,
/// pipeline, report) is Analyze's own.
/// </summary>
public static class StudyAnalysisMapper
{
    public static V1.AnalyzeRequest ToAnalyzeRequest(V1.AnalyzeStudyRequest request, StudyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var analyze = new V1.AnalyzeRequest
        {
            CaseId = request.CaseId,
            ClinicalContext = request.ClinicalContext,
            Options = request.Options,
            // A study analysis's request id is its own namespace: the same id on Analyze is another request.
            RequestId = request.RequestId.Length == 0 ? string.Empty : "study:" + request.RequestId,
        };
        foreach (var frame in plan.Frames)
        {
            var image = new V1.ImageInput { ImageId = frame.ImageId, Filename = frame.Label };
            if (frame.FrameIndex is { } index)
            {
                image.FrameIndex = index;
            }

            analyze.Images.Add(image);
        }

        return analyze;
    }
}
