using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// Chest projection images: mean brightness of the two lung-field bands (mirror-image rectangles
/// either side of the midline, rows 20–80%, columns 10–45% and 55–90%) on the display view, where
/// bright means dense. Reported as |L − R| / mean.
/// </summary>
internal static class ChestRadiographAsymmetry
{
    public const double FindingThreshold = 0.10;

    public static void Measure(Mat grey8, AnalysisContext context)
    {
        var w = grey8.Width;
        var h = grey8.Height;
        var leftBox = new Rect(w / 10, h / 5, (w * 45 / 100) - (w / 10), h * 3 / 5);
        var rightBox = new Rect(w - leftBox.Right, leftBox.Y, leftBox.Width, leftBox.Height);
        if (leftBox.Width < 2 || leftBox.Height < 2)
        {
            return;
        }

        using var left = new Mat(grey8, leftBox);
        using var right = new Mat(grey8, rightBox);
        var l = Cv2.Mean(left).Val0;
        var r = Cv2.Mean(right).Val0;
        var asymmetry = Math.Abs(l - r) / Math.Max(1, (l + r) / 2);
        context.Measure("lr_lung_field_mean_left", l, 2);
        context.Measure("lr_lung_field_mean_right", r, 2);
        context.Measure("lr_asymmetry", asymmetry);
        if (asymmetry <= FindingThreshold)
        {
            return;
        }

        var denserIsImageLeft = l > r;
        var box = denserIsImageLeft ? leftBox : rightBox;
        context.Findings.Add(new ImageFinding
        {
            Description = $"Left/right lung-field intensity asymmetry of {Invariant.F(asymmetry * 100, 0)}%: the {(denserIsImageLeft ? "image-left (patient right in a PA view)" : "image-right (patient left in a PA view)")} field is denser; non-specific (positioning, soft tissue or parenchymal change), needs review",
            Anatomy = denserIsImageLeft ? "right lung field" : "left lung field",
            Severity = asymmetry > 0.25 ? FindingSeverity.Moderate : FindingSeverity.Mild,
            Confidence = Math.Round(Math.Clamp(0.3 + asymmetry, 0.3, 0.7), 2),
            Region = new NormalizedBox((double)box.X / w, (double)box.Y / h, (double)box.Width / w, (double)box.Height / h),
        });
    }
}
