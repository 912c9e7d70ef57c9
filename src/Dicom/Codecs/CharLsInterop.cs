using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>CharLS 2.x C API (libcharls2).</summary>
internal static partial class CharLsInterop
{
    [StructLayout(LayoutKind.Sequential)]
    public struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial IntPtr Create();

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void Destroy(IntPtr decoder);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static unsafe partial int SetSource(IntPtr decoder, byte* source, nuint size);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int ReadHeader(IntPtr decoder);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int GetFrameInfo(IntPtr decoder, out FrameInfo info);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int GetInterleaveMode(IntPtr decoder, out int mode);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int GetDestinationSize(IntPtr decoder, uint stride, out nuint size);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static unsafe partial int DecodeToBuffer(IntPtr decoder, byte* destination, nuint size, uint stride);

    [LibraryImport(NativeLibraries.CharLs, EntryPoint = "charls_get_error_message")]
    public static partial IntPtr GetErrorMessage(int error);
}
