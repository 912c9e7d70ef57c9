using OpenCvSharp;

namespace MedicalImaging.Imaging.Analysis;

/// <summary>The largest connected region of a mask and how many regions it has.</summary>
/// <param name="Area">Pixels in the largest region.</param>
/// <param name="Box">Its bounding box.</param>
/// <param name="Regions">Regions at least the minimum area.</param>
/// <param name="Mask">The largest region as a 0/255 mask, when asked for (the caller disposes it).</param>
internal sealed record RegionSummary(int Area, Rect Box, int Regions, Mat? Mask);
