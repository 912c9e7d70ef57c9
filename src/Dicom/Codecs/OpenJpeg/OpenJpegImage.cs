using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>opj_image_t (48 bytes on 64-bit).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegImage
{
    public uint X0;
    public uint Y0;
    public uint X1;
    public uint Y1;
    public uint ComponentCount;
    public int ColorSpace;
    public OpenJpegImageComponent* Components;
    public byte* IccProfile;
    public uint IccProfileLength;
}
