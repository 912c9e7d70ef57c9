using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>opj_image_comp_t (64 bytes on 64-bit): one component plane of int32 samples, row-major, Width x Height.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegImageComponent
{
    public uint Dx;
    public uint Dy;
    public uint Width;
    public uint Height;
    public uint X0;
    public uint Y0;
    public uint Precision;
    public uint ObsoleteBpp;
    public uint Signed;
    public uint ResolutionsDecoded;
    public uint Factor;
    public int* Data;
    public ushort Alpha;
}
