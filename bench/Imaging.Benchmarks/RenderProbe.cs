using System.Diagnostics;
using MedicalImaging.Imaging.Analysis;
using MedicalImaging.Imaging.Common;
using MedicalImaging.Imaging.Heatmaps;
using MedicalImaging.Imaging.Preprocessing;
using MedicalImaging.Imaging.Tests.Phantoms;
using OpenCvSharp;

namespace MedicalImaging.Imaging.Benchmarks;

internal static class RenderProbe
{
    public static void Run()
    {
        Cv2.SetNumThreads(1);
        var image = CtPhantom.Create().ToDecoded();
        var pre = new ModalityPreprocessor().Preprocess(image, new PreprocessOptions());
        using var grey = PixelMats.WrapGrey8(pre.Grey8, pre.Width, pre.Height);
        using var map = AnomalyMapBuilder.Build(grey, true, out _);
        void T(string step, Action action, int n = 30)
        {
            action();
            var times = new List<double>();
            for (var i = 0; i < n; i++) { var c = Stopwatch.StartNew(); action(); times.Add(c.Elapsed.TotalMilliseconds); }
            Console.WriteLine($"{step}: min {times.Min():F3} ms");
        }
        {
            using var modality0 = PixelMats.Wrap(image);
            using var above0 = new Mat();
            Cv2.Threshold(modality0, above0, -500, 255, ThresholdTypes.Binary);
            using var bin0 = new Mat();
            above0.ConvertTo(bin0, MatType.CV_8UC1);
            for (var k = 0; k < 400; k++)
            {
                var c = Stopwatch.StartNew();
                using var labels0 = new Mat();
                var count = Cv2.ConnectedComponents(bin0, labels0, PixelConnectivity.Connectivity8, MatType.CV_32S);
                var a1 = c.Elapsed.TotalMilliseconds;
                using var asFloat = new Mat();
                labels0.ConvertTo(asFloat, MatType.CV_32FC1);
                var a2 = c.Elapsed.TotalMilliseconds;
                using var histogram = new Mat();
                using var noMask = new Mat();
                Cv2.CalcHist([asFloat], [0], noMask, histogram, 1, [count], [new Rangef(0, count)]);
                var a3 = c.Elapsed.TotalMilliseconds;
                histogram.GetArray(out float[] areas);
                var a4 = c.Elapsed.TotalMilliseconds;
                if (k % 40 == 0)
                {
                    Console.WriteLine($"iter {k}: cc {a1:F3} conv {a2:F3} hist {a3:F3} get {a4:F3}");
                }
            }
        }

        var size = grey.Size();
        using var g8 = new Mat(); T("resize grey", () => Cv2.Resize(grey, g8, size, 0, 0, InterpolationFlags.Area));
        using var mapFull = new Mat(); T("resize map", () => Cv2.Resize(map, mapFull, size, 0, 0, InterpolationFlags.Linear));
        using var map8 = new Mat(); T("map8", () => mapFull.ConvertTo(map8, MatType.CV_8UC1, 255));
        T("lut", () => { using var c = ColourLookup.Apply(map8); });
        using var colour = ColourLookup.Apply(map8);
        using var greyBgr = new Mat(); T("cvt", () => Cv2.CvtColor(g8, greyBgr, ColorConversionCodes.GRAY2BGR));
        using var alpha = new Mat(); T("alpha", () => mapFull.ConvertTo(alpha, MatType.CV_32FC1, 0.5, 0.15));
        using var beta = new Mat(); T("beta", () => mapFull.ConvertTo(beta, MatType.CV_32FC1, -0.5, 0.85));
        using var overlay = new Mat(); T("blend", () => Cv2.BlendLinear(colour, greyBgr, alpha, beta, overlay));
        T("png", () => overlay.ImEncode(".png", PngEncoding.FastParameters));
        T("render", () => HeatmapRenderer.Render(grey, map, new NormalizedBox(0.1, 0.1, 0.1, 0.1), [], "caption"));
        Cv2.MinMaxLoc(map, out double mn, out double mx);
        Console.WriteLine($"map {mn} {mx}; mapFull denormals? {Cv2.CountNonZero(mapFull)}");
        using var body = new Mat(); 
        using var modality = PixelMats.Wrap(image);
        T("threshold hu", () => Cv2.Threshold(modality, body, -500, 255, ThresholdTypes.Binary));
        T("convert", () => { using var b = new Mat(); body.ConvertTo(b, MatType.CV_8UC1); });
        using var b8 = new Mat(); body.ConvertTo(b8, MatType.CV_8UC1);
        using var labels = new Mat();
        T("cc", () => Cv2.ConnectedComponents(b8, labels, PixelConnectivity.Connectivity8, MatType.CV_32S));
        using var lf = new Mat(); T("labels f", () => labels.ConvertTo(lf, MatType.CV_32FC1));
        T("calchist", () => { using var h = new Mat(); using var nm = new Mat(); Cv2.CalcHist([lf], [0], nm, h, 1, [3], [new Rangef(0, 3)]); });
        using var cmp = new Mat(); T("compare", () => Cv2.Compare(labels, new Scalar(1), cmp, CmpTypes.EQ));
        T("boundingrect", () => Cv2.BoundingRect(cmp));
        using var padded = new Mat(); T("copymakeborder", () => Cv2.CopyMakeBorder(cmp, padded, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0)));
        T("floodfill", () => { using var p2 = padded.Clone(); Cv2.FloodFill(p2, new Point(0, 0), Scalar.All(128)); });
        T("new mat scalar", () => { using var m = new Mat(552, 568, MatType.CV_8UC3, Scalar.All(0)); });
        T("new mat zeros", () => { using var m = Mat.Zeros(552, 568, MatType.CV_8UC3).ToMat(); });
        using var canvas = new Mat(552, 568, MatType.CV_8UC3, Scalar.All(0));
        T("puttext", () => Cv2.PutText(canvas, "anomaly: local deviation x L/R asymmetry", new Point(4, 540), HersheyFonts.HersheySimplex, 0.4, Scalar.All(230), 1, LineTypes.AntiAlias));
        T("rectangle", () => Cv2.Rectangle(canvas, new Rect(10, 10, 50, 50), Scalar.All(255), 2));
        T("ramp set", () => { using var r = new Mat(476, 1, MatType.CV_8UC1); for (var y = 0; y < 476; y++) { r.Set(y, 0, (byte)y); } });
        T("largest nomask", () => ConnectedRegions.Largest(b8, 1));
        T("largest mask", () => { using var m = ConnectedRegions.Largest(b8, 1, wantMask: true).Mask; });
        T("getarray", () => { using var h = new Mat(3, 1, MatType.CV_32FC1, Scalar.All(1)); h.GetArray(out float[] a); });
        for (var k = 0; k < 3; k++)
        {
            var c = Stopwatch.StartNew();
            using var above = new Mat();
            Cv2.Threshold(modality, above, -500, 255, ThresholdTypes.Binary);
            var t1 = c.Elapsed.TotalMilliseconds;
            using var binary = new Mat();
            above.ConvertTo(binary, MatType.CV_8UC1);
            var t2 = c.Elapsed.TotalMilliseconds;
            using var bodyMask = ConnectedRegions.Largest(binary, 1, wantMask: true).Mask!;
            var t3 = c.Elapsed.TotalMilliseconds;
            using var pad = new Mat();
            Cv2.CopyMakeBorder(bodyMask, pad, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0));
            var t4 = c.Elapsed.TotalMilliseconds;
            Cv2.FloodFill(pad, new Point(0, 0), Scalar.All(128));
            var t5 = c.Elapsed.TotalMilliseconds;
            using var inner = new Mat(pad, new Rect(1, 1, bodyMask.Width, bodyMask.Height));
            Cv2.Compare(inner, new Scalar(128), bodyMask, CmpTypes.NE);
            var t6 = c.Elapsed.TotalMilliseconds;
            T("largest on binary", () => ConnectedRegions.Largest(binary, 1), 10);
            T("largest on b8", () => ConnectedRegions.Largest(b8, 1), 10);
            Console.WriteLine($"equal {Cv2.Norm(binary, b8)} count {Cv2.ConnectedComponents(binary, new Mat())} {Cv2.ConnectedComponents(b8, new Mat())}");
            Console.WriteLine($"thr {t1:F3} conv {t2:F3} largest {t3:F3} border {t4:F3} flood {t5:F3} compare {t6:F3}");
        }
        T("body mask", () => { using var b = CtTissueAnalysis.BodyMask(modality); });
    }
}
