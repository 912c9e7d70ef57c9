using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>OpenJPEG 2.5 decoder C API (apt libopenjp2-7); layouts from /usr/include/openjpeg-2.5/openjpeg.h (2.5.0).</summary>
internal static unsafe partial class OpenJpegInterop
{
    /// <summary>OPJ_CODEC_J2K: a raw codestream (starts with SOC FF 4F).</summary>
    public const int CodecJ2k = 0;

    /// <summary>OPJ_CODEC_JP2: the JP2 file format (boxes around the codestream).</summary>
    public const int CodecJp2 = 2;

    /// <summary>OPJ_J2K_STREAM_CHUNK_SIZE: OpenJPEG's default stream buffer.</summary>
    public const int StreamChunkSize = 0x100000;

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_create_decompress")]
    public static partial IntPtr CreateDecompress(int format);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(IntPtr codec);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_set_default_decoder_parameters")]
    public static partial void SetDefaultDecoderParameters(OpenJpegDecoderParameters* parameters);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(IntPtr codec, OpenJpegDecoderParameters* parameters);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_codec_set_threads")]
    public static partial int SetThreads(IntPtr codec, int threads);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_set_error_handler")]
    public static partial int SetErrorHandler(IntPtr codec, delegate* unmanaged[Cdecl]<byte*, IntPtr, void> callback, IntPtr clientData);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_set_warning_handler")]
    public static partial int SetWarningHandler(IntPtr codec, delegate* unmanaged[Cdecl]<byte*, IntPtr, void> callback, IntPtr clientData);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_create")]
    public static partial IntPtr StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(IntPtr stream);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetRead(IntPtr stream, delegate* unmanaged[Cdecl]<byte*, nuint, IntPtr, nuint> read);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkip(IntPtr stream, delegate* unmanaged[Cdecl]<long, IntPtr, long> skip);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeek(IntPtr stream, delegate* unmanaged[Cdecl]<long, IntPtr, int> seek);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(IntPtr stream, IntPtr data, IntPtr free);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(IntPtr stream, ulong length);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(IntPtr stream, IntPtr codec, OpenJpegImage** image);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_decode")]
    public static partial int Decode(IntPtr codec, IntPtr stream, OpenJpegImage* image);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(IntPtr codec, IntPtr stream);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(OpenJpegImage* image);

    [LibraryImport(NativeLibraries.OpenJpeg, EntryPoint = "opj_version")]
    public static partial IntPtr Version();
}
