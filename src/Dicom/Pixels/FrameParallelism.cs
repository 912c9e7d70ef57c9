namespace MedicalImaging.Dicom;

/// <summary>
/// Marks the current thread as one of several decoding the frames of an object in parallel, so a codec that can split a
/// frame over its own worker threads (OpenJPEG) stays on this one: the processors are already busy with other frames.
/// </summary>
internal static class FrameParallelism
{
    [ThreadStatic]
    private static bool t_active;

    /// <summary>True inside <see cref="Run"/> on this thread.</summary>
    public static bool IsActive => t_active;

    /// <summary>Runs <paramref name="decode"/> with the mark set on this thread.</summary>
    public static T Run<T>(Func<T> decode)
    {
        var outer = t_active;
        t_active = true;
        try
        {
            return decode();
        }
        finally
        {
            t_active = outer;
        }
    }
}
