using System.Runtime.InteropServices;

namespace MedicalImaging.Imaging.Runtime;

/// <summary>
/// Keeps glibc from handing OpenCV's large temporary buffers back to the kernel after every image.
/// By default each buffer over 128 KB is a fresh mmap and every first touch of its pages is a page
/// fault; on the VMs measured here (docs/BENCHMARKS.md) a 512×512 CT slice cost ~2400 faults and 3×
/// the time. Raising the mmap threshold to 32 MB and the trim threshold to 512 MB lets freed buffers
/// be reused. Process-wide, so the host opts in once at start-up (the same effect as the
/// environment variables MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=536870912).
/// A no-op where the C library is not glibc.
/// </summary>
public static partial class NativeAllocatorTuning
{
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>Largest mmap threshold glibc accepts on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX).</summary>
    public const int MmapThresholdBytes = 32 * 1024 * 1024;

    /// <summary>Free memory kept at the top of a heap before it is returned to the kernel.</summary>
    public const int TrimThresholdBytes = 512 * 1024 * 1024;

    /// <summary>Applies the settings; returns false when they could not be applied (not Linux/glibc).</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallOpt(MmapThreshold, MmapThresholdBytes) == 1 && MallOpt(TrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
