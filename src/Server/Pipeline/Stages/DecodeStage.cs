using MedicalImaging.Imaging;
using MedicalImaging.Server.Domain;

namespace MedicalImaging.Server.Pipeline.Stages;

/// <summary>Decodes each image with the decoder chosen at validation.</summary>
public sealed class DecodeStage : IAnalysisStage
{
    public PipelineStage Stage => PipelineStage.Decode;

    public int DonePercent => 15;

    public async Task RunAsync(AnalysisState state, ProgressReporter progress, CancellationToken cancellationToken)
    {
        foreach (var image in state.Images)
        {
            var source = image.Source;
            try
            {
                image.Decoded = image.Decoder.Decode(image.Bytes, new DecodeOptions
                {
                    FrameIndex = source.FrameIndex,
                    ModalityHint = source.ModalityHint,
                    BodyPartHint = source.BodyPartHint,
                    Probe = image.Probe,
                });
                image.ReleaseSource();
            }
            catch (ImageDecodeException ex)
            {
                throw new InvalidRequestException($"images[{source.Index}].content",
                    $"images[{source.Index}] ({source.Filename}) could not be decoded as {image.Decoder.Format}: {ex.Message}", ex);
            }

            var decoded = image.Decoded;
            await progress.ReportAsync(Stage, DonePercent,
                $"Decoded {decoded.Metadata.SourceFormat} {decoded.Width}×{decoded.Height} {decoded.Metadata.Modality}"
                + (decoded.Metadata.FrameCount > 1 ? $", frame {decoded.Metadata.FrameIndex + 1} of {decoded.Metadata.FrameCount}" : string.Empty),
                cancellationToken, source.Index);
        }
    }
}
