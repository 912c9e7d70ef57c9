using OpenCvSharp;

namespace MedicalImaging.Imaging.Tests.Phantoms;

/// <summary>
/// A synthetic axial chest CT slice in HU with known areas: air outside, a soft-tissue body
/// (40 HU) with a fat rim (−100 HU), two lungs (−850 HU), a vertebra (700 HU) and a metal dot
/// (3000 HU). Areas are counted from the drawn masks, so expectations are exact.
/// </summary>
internal sealed class CtPhantom
{
    public const int Size = 512;

    private CtPhantom(float[] pixels, Dictionary<string, int> areas, int bodyArea)
    {
        Pixels = pixels;
        Areas = areas;
        BodyArea = bodyArea;
    }

    public float[] Pixels { get; }

    /// <summary>Pixel count of each tissue class inside the body.</summary>
    public IReadOnlyDictionary<string, int> Areas { get; }

    public int BodyArea { get; }

    public static CtPhantom Create(bool metal = true, bool leftLungCollapsed = false)
    {
        using var hu = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(-1000));
        var centre = new Point(Size / 2, Size / 2);
        Cv2.Ellipse(hu, centre, new OpenCvSharp.Size(220, 170), 0, 0, 360, Scalar.All(-100), -1);
        Cv2.Ellipse(hu, centre, new OpenCvSharp.Size(200, 150), 0, 0, 360, Scalar.All(40), -1);
        Cv2.Ellipse(hu, new Point(166, 236), new OpenCvSharp.Size(70, 95), 0, 0, 360, Scalar.All(-850), -1);
        Cv2.Ellipse(hu, new Point(346, 236), leftLungCollapsed ? new OpenCvSharp.Size(30, 40) : new OpenCvSharp.Size(70, 95), 0, 0, 360, Scalar.All(-850), -1);
        Cv2.Circle(hu, new Point(256, 350), 28, Scalar.All(700), -1);
        if (metal)
        {
            Cv2.Circle(hu, new Point(256, 300), 6, Scalar.All(3000), -1);
        }

        hu.GetArray(out float[] pixels);
        var areas = new Dictionary<string, int>
        {
            ["air_lung"] = pixels.Count(v => v == -850),
            ["fat"] = pixels.Count(v => v == -100),
            ["soft_tissue"] = pixels.Count(v => v == 40),
            ["bone"] = pixels.Count(v => v == 700),
            ["metal"] = pixels.Count(v => v == 3000),
        };
        return new CtPhantom(pixels, areas, areas.Values.Sum());
    }

    public DecodedImage ToDecoded(string? bodyPart = "CHEST") => new()
    {
        Width = Size,
        Height = Size,
        Channels = 1,
        Pixels = Pixels,
        Metadata = new ImageMetadata { Modality = "CT", BodyPart = bodyPart, SourceFormat = "dicom", IsHounsfield = true, BitsStored = 12, PixelSpacingRowMm = 0.7, PixelSpacingColumnMm = 0.7 },
    };
}
