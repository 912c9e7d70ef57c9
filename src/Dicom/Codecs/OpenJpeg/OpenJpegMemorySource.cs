using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// The read/skip/seek callbacks of an opj_stream_t over a pinned in-memory codestream. The struct lives on the decoding
/// call's stack (its address is the stream's user data) and the codestream stays pinned for the whole decode.
/// </summary>
internal unsafe struct OpenJpegMemorySource
{
    public byte* Data;
    public long Length;
    public long Position;

    /// <summary>opj_stream_read_fn: copies up to <paramref name="count"/> bytes; (OPJ_SIZE_T)-1 at the end.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nuint Read(byte* buffer, nuint count, IntPtr user)
    {
        var source = (OpenJpegMemorySource*)user;
        var left = source->Length - source->Position;
        if (left <= 0)
        {
            return nuint.MaxValue;
        }

        var n = (long)Math.Min((ulong)left, count);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, (long)count, n);
        source->Position += n;
        return (nuint)n;
    }

    /// <summary>opj_stream_skip_fn: moves by <paramref name="count"/> within the data; returns the distance moved.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static long Skip(long count, IntPtr user)
    {
        var source = (OpenJpegMemorySource*)user;
        var target = Math.Clamp(source->Position + count, 0, source->Length);
        var moved = target - source->Position;
        source->Position = target;
        return moved;
    }

    /// <summary>opj_stream_seek_fn: absolute position; false outside the data.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Seek(long position, IntPtr user)
    {
        var source = (OpenJpegMemorySource*)user;
        if (position < 0 || position > source->Length)
        {
            return 0;
        }

        source->Position = position;
        return 1;
    }
}
