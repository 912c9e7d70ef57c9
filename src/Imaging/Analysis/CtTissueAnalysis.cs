using MedicalImaging.Imaging.Common;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>
/// CT: the body cross-section (largest region above −500 HU, holes filled so the lungs count), the
/// fraction of it in each tissue class, the largest connected region of each class, and for the
/// chest the aerated-lung area on each side.
/// </summary>
internal static class CtTissueAnalysis
{
    private const double BodyThresholdHu = -500;
    private const int RegionWorkingSide = 256;

    public static void Measure(Mat hounsfield, DecodedImage image, AnalysisContext context)
    {
        using var body = BodyMask(hounsfield);
        var bodyArea = Cv2.CountNonZero(body);
        var imageArea = (double)hounsfield.Width * hounsfield.Height;
        context.Measure("ct_body_fraction", bodyArea / imageArea);
        if (bodyArea < imageArea * 0.01)
        {
            context.Findings.Add(new ImageFinding
            {
                Description = "No body cross-section found on this CT image (less than 1% of pixels above −500 HU); tissue fractions not measured",
                Anatomy = "whole image",
                Severity = FindingSeverity.Unspecified,
                Confidence = 0.9,
            });
            return;
        }

        var pixelAreaCm2 = image.Metadata.PixelSpacingRowMm * image.Metadata.PixelSpacingColumnMm / 100;
        if (pixelAreaCm2 is { } area)
        {
            context.Measure("ct_body_area_cm2", bodyArea * area, 2);
        }

        // Fractions are counted at full resolution; connected regions on a ≤256-pixel nearest-neighbour
        // sample (labelling is the costly part, and region sizes need no single-pixel precision),
        // labelled once for all classes.
        var counts = TissueCounts.Count(hounsfield, body);
        var map = TissueClassMap.Build(hounsfield, body, RegionWorkingSide);
        var mapArea = Math.Max(1, map.BodyArea);
        var regions = ClassRegions.Measure(map.Classes, map.Width, map.Height, TissueClass.All.Count, Math.Max(2, mapArea / 2000));
        double classified = 0;
        for (var k = 0; k < TissueClass.All.Count; k++)
        {
            var tissue = TissueClass.All[k];
            var count = counts[k];
            classified += count;
            context.Measure($"ct_fraction_{tissue.Name}", count / (double)bodyArea);
            var largest = regions[k + 1];
            context.Measure($"ct_largest_{tissue.Name}_fraction", largest.Area / (double)mapArea);
            context.Measure($"ct_regions_{tissue.Name}", largest.Regions, 0);
            if (tissue.Name == "metal" && count > 0)
            {
                MetalFinding(count / (double)bodyArea, largest, new Size(map.Width, map.Height), context);
            }

            if (tissue.Name == "air_lung" && BodyParts.IsChest(image.Metadata))
            {
                LungAsymmetry(map, (byte)(k + 1), context);
            }
        }

        context.Measure("ct_fraction_other", 1 - (classified / bodyArea));
    }

    /// <summary>
    /// The outer outline of the largest region above −500 HU, filled: the body with its lungs and
    /// airways (a filled external contour has no holes).
    /// </summary>
    internal static Mat BodyMask(Mat hounsfield)
    {
        // One comparison straight to 0/255 bytes (a threshold to float and a conversion took twice as long).
        using var binary = new Mat();
        Cv2.Compare(hounsfield, new Scalar(BodyThresholdHu), binary, CmpTypes.GT);
        Cv2.FindContours(binary, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxNone);
        var body = new Mat(binary.Size(), MatType.CV_8UC1, Scalar.All(0));
        var largest = -1;
        var largestArea = -1.0;
        for (var i = 0; i < contours.Length; i++)
        {
            var area = Cv2.ContourArea(contours[i]);
            if (area > largestArea)
            {
                largestArea = area;
                largest = i;
            }
        }

        if (largest >= 0)
        {
            // Filled, including the outline itself, so a one-pixel-wide body still counts.
            Cv2.DrawContours(body, contours, largest, Scalar.All(255), thickness: -1);
        }

        return body;
    }

    private static void MetalFinding(double fraction, RegionSummary largest, Size size, AnalysisContext context)
    {
        var regions = largest.Regions;
        var box = largest.Box;
        context.Findings.Add(new ImageFinding
        {
            Description = $"Metal-density material (≥ 2500 HU) over {Invariant.F(fraction * 100, 2)}% of the body cross-section in {Math.Max(1, regions)} region(s), e.g. an implant or foreign body; streak artefact may limit assessment nearby",
            Anatomy = "body cross-section",
            Severity = FindingSeverity.Mild,
            Confidence = 0.85,
            Region = largest.Area == 0 ? null : new NormalizedBox((double)box.X / size.Width, (double)box.Y / size.Height, (double)box.Width / size.Width, (double)box.Height / size.Height),
        });
    }

    private static void LungAsymmetry(TissueClassMap map, byte airLung, AnalysisContext context)
    {
        if (map.Width < 2)
        {
            return;
        }

        var midline = Math.Clamp((int)Math.Round(map.BodyCentroidX), 1, map.Width - 1);
        double l = 0;
        double r = 0;
        for (var y = 0; y < map.Height; y++)
        {
            var row = map.Classes.AsSpan(y * map.Width, map.Width);
            l += row[..midline].Count(airLung);
            r += row[midline..].Count(airLung);
        }

        var asymmetry = l + r > 0 ? Math.Abs(l - r) / ((l + r) / 2) : 0;
        context.Measure("ct_lung_area_asymmetry", asymmetry);
        if (asymmetry > 0.25 && l + r > 0)
        {
            var smaller = l < r ? "image-left (patient right)" : "image-right (patient left)";
            context.Findings.Add(new ImageFinding
            {
                Description = $"Aerated lung area differs by {Invariant.F(asymmetry * 100, 0)}% between the two sides on this slice, smaller on the {smaller}; a single-slice measurement, not a diagnosis",
                Anatomy = l < r ? "right lung" : "left lung",
                Severity = asymmetry > 0.5 ? FindingSeverity.Moderate : FindingSeverity.Mild,
                Confidence = Math.Round(Math.Clamp(0.4 + (asymmetry / 2), 0.4, 0.75), 2),
            });
        }
    }
}
