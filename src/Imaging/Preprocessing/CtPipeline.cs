using OpenCvSharp;

namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>
/// CT in Hounsfield units: three window presets chosen by body part packed into R, G, B for the model
/// (the way served medical VLMs take CT); the first (primary) window is the grey view.
/// </summary>
internal static class CtPipeline
{
    public static DisplayImage Render(Mat hounsfield, DecodedImage image, PreprocessOptions options, IDictionary<string, string> parameters)
    {
        var forced = WindowPresets.Find(options.WindowPreset);
        if (!string.IsNullOrWhiteSpace(options.WindowPreset) && forced is null)
        {
            parameters["window_preset_ignored"] = $"unknown preset '{options.WindowPreset}'";
        }

        var windows = WindowPresets.ForBodyPart(image.Metadata.BodyPart, forced);
        parameters["pipeline"] = "ct: DICOM VOI linear windows from HU";
        parameters["window"] = windows[0].ToString();
        parameters["channels"] = $"R={windows[0]}; G={windows[1]}; B={windows[2]}";
        if (image.Metadata.WindowCenter is { } c && image.Metadata.WindowWidth is { } w)
        {
            parameters["file_window"] = new WindowPreset("file", c, w).ToString() + " (not used: presets chosen by body part)";
        }

        // Resize the HU image once (area averaging is linear, so windowing after it is equivalent
        // except at the clamps), then window three times at output size.
        var huSmall = hounsfield;
        var size = Geometry.FitSize(hounsfield.Width, hounsfield.Height, options.MaxDimension);
        parameters["scale"] = Common.Invariant.F((double)size.Width / hounsfield.Width, 4);
        using var resized = new Mat();
        if (size.Width != hounsfield.Width || size.Height != hounsfield.Height)
        {
            Cv2.Resize(hounsfield, resized, size, 0, 0, InterpolationFlags.Area);
            huSmall = resized;
        }

        var planes = new Mat[3];
        try
        {
            for (var i = 0; i < 3; i++)
            {
                planes[i] = new Mat();
                VoiWindow.Apply(huSmall, planes[i], windows[i]);
            }

            var model = new Mat();
            Cv2.Merge(planes, model);
            var grey = planes[0];
            planes[0] = null!;
            return new DisplayImage(model, grey);
        }
        finally
        {
            foreach (var plane in planes)
            {
                plane?.Dispose();
            }
        }
    }
}
