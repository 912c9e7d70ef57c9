using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Server.Pipeline;

/// <summary>Same image bytes + options + context + pipeline version → same key.</summary>
public static class CacheKey
{
    public static string Compute(AnalysisRequest request, IReadOnlyList<string> imageIds, string pipelineVersion)
    {
        var text = new StringBuilder(256).Append(pipelineVersion).Append('\n');
        for (var i = 0; i < imageIds.Count; i++)
        {
            var source = request.Images[i];
            text.Append(imageIds[i]).Append('|').Append(source.ModalityHint).Append('|')
                .Append(source.BodyPartHint).Append('|').Append(source.FrameIndex).Append('\n');
        }

        var context = request.ClinicalContext;
        text.Append(request.CaseId).Append('\n')
            .Append(request.Settings.MaxDimension).Append('|').Append(request.Settings.WindowPreset).Append('\n')
            .Append(context?.AgeYears).Append('|').Append(context?.Sex).Append('|').Append(context?.Indication).Append('|')
            .Append(context?.ClinicalQuestion).Append('|').AppendJoin(';', context?.Symptoms ?? []);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
