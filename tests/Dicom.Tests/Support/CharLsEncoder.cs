using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom.Tests;

/// <summary>CharLS 2.4's encoder (apt libcharls2), the reference peer that writes JPEG-LS codestreams for the decoder tests.</summary>
internal static partial class CharLsEncoder
{
    private const string Library = "libcharls.so.2";

    /// <summary>Encodes interleaved samples (bytes for ≤ 8 bits, little-endian ushorts above).</summary>
    public static unsafe byte[] Encode(byte[] samples, int width, int height, int bits, int components, int near, int interleave,
        Presets presets = default)
    {
        var encoder = Create();
        try
        {
            var frame = new FrameInfo { Width = (uint)width, Height = (uint)height, BitsPerSample = bits, ComponentCount = components };
            Check(SetFrameInfo(encoder, &frame));
            Check(SetNearLossless(encoder, near));
            Check(SetInterleaveMode(encoder, interleave));
            if (presets != default)
            {
                Check(SetPresets(encoder, &presets));
            }

            Check(EstimatedSize(encoder, out var size));
            var destination = new byte[(int)size + 1024];
            fixed (byte* dst = destination)
            fixed (byte* src = samples)
            {
                Check(SetDestination(encoder, dst, (nuint)destination.Length));
                Check(EncodeFromBuffer(encoder, src, (nuint)samples.Length, 0));
            }

            Check(BytesWritten(encoder, out var written));
            return destination.AsSpan(0, (int)written).ToArray();
        }
        finally
        {
            Destroy(encoder);
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"CharLS encoder error {error}: {Marshal.PtrToStringAnsi(ErrorMessage(error))}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    /// <summary>charls_jpegls_pc_parameters: MAXVAL, T1, T2, T3, RESET (0 = default).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public record struct Presets(int MaxVal, int T1, int T2, int T3, int Reset);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_create")]
    private static partial IntPtr Create();

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_destroy")]
    private static partial void Destroy(IntPtr encoder);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_set_frame_info")]
    private static unsafe partial int SetFrameInfo(IntPtr encoder, FrameInfo* frame);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_set_near_lossless")]
    private static partial int SetNearLossless(IntPtr encoder, int near);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_set_interleave_mode")]
    private static partial int SetInterleaveMode(IntPtr encoder, int mode);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_set_preset_coding_parameters")]
    private static unsafe partial int SetPresets(IntPtr encoder, Presets* presets);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_get_estimated_destination_size")]
    private static partial int EstimatedSize(IntPtr encoder, out nuint size);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_set_destination_buffer")]
    private static unsafe partial int SetDestination(IntPtr encoder, byte* destination, nuint size);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_encode_from_buffer")]
    private static unsafe partial int EncodeFromBuffer(IntPtr encoder, byte* source, nuint size, uint stride);

    [LibraryImport(Library, EntryPoint = "charls_jpegls_encoder_get_bytes_written")]
    private static partial int BytesWritten(IntPtr encoder, out nuint written);

    [LibraryImport(Library, EntryPoint = "charls_get_error_message")]
    private static partial IntPtr ErrorMessage(int error);
}
