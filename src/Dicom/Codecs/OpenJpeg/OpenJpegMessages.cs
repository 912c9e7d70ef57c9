using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// Collects what OpenJPEG reports through its error and warning handlers for one decode, so a failure carries the
/// library's own words. Handlers may run on OpenJPEG's worker threads, hence the lock.
/// </summary>
internal sealed class OpenJpegMessages
{
    private const int MaxKept = 8;
    private readonly Lock _gate = new();
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];

    /// <summary>Errors and warnings so far, errors first, one line ("none" when OpenJPEG said nothing).</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var all = _errors.Concat(_warnings.Select(w => "warning: " + w)).ToList();
            return all.Count == 0 ? "OpenJPEG gave no message" : string.Join("; ", all);
        }
    }

    /// <summary>opj_msg_callback for errors; client data is a GCHandle to the collector.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe void OnError(byte* message, IntPtr client) => Add(message, client, error: true);

    /// <summary>opj_msg_callback for warnings.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe void OnWarning(byte* message, IntPtr client) => Add(message, client, error: false);

    private static unsafe void Add(byte* message, IntPtr client, bool error)
    {
        if (client == IntPtr.Zero || GCHandle.FromIntPtr(client).Target is not OpenJpegMessages messages)
        {
            return;
        }

        // Nothing may throw back into native code: a message that cannot be read is dropped.
        var text = message == null ? string.Empty : (Marshal.PtrToStringUTF8((IntPtr)message) ?? string.Empty).Trim();
        lock (messages._gate)
        {
            var list = error ? messages._errors : messages._warnings;
            if (text.Length > 0 && list.Count < MaxKept)
            {
                list.Add(text);
            }
        }
    }
}
