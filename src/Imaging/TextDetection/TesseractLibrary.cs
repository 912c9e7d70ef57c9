using System.Reflection;
using System.Runtime.InteropServices;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// Loads libtesseract (with Leptonica and Debian's libpng16) before OpenCV, and refuses OCR when that
/// order was missed. OpenCvSharp's native library carries its own libpng and exports its symbols; if it
/// loads Debian's libpng16 first (as a dependency), libpng16's internal calls bind to OpenCV's copy, and
/// Tesseract — which stores each word image as an in-memory PNG — crashes the process in png_free
/// ("double free or corruption"). Loaded first, libpng16 binds to itself.
/// </summary>
internal static partial class TesseractLibrary
{
    private const int RtldNow = 0x002;
    private const int RtldNoLoad = 0x004;
    private const string LibPng = "libpng16.so.16";
    private static readonly Lock Gate = new();
    private static IntPtr _handle;
    private static string? _problem;
    private static bool _attempted;

    /// <summary>Loads Tesseract once; false with the reason when OCR must not run in this process.</summary>
    public static bool TryLoad(out string? problem)
    {
        lock (Gate)
        {
            if (!_attempted)
            {
                _attempted = true;
                Load();
            }

            problem = _problem;
            return _handle != IntPtr.Zero;
        }
    }

    private static void Load()
    {
        if (!OperatingSystem.IsLinux())
        {
            _problem = "Burned-in text detection needs Debian's libtesseract5 (Linux).";
            return;
        }

        try
        {
            if (DlOpen(LibPng, RtldNow | RtldNoLoad) != IntPtr.Zero && DlOpen(TesseractApi.Library, RtldNow | RtldNoLoad) == IntPtr.Zero)
            {
                _problem = "libpng16 was loaded (by OpenCV) before Tesseract: OCR would crash this process. "
                    + "Call TextDetectionRuntime.Preload() before the first OpenCV call.";
                return;
            }

            _handle = DlOpen(TesseractApi.Library, RtldNow);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _problem = "dlopen is not available: " + ex.Message;
            return;
        }

        if (_handle == IntPtr.Zero)
        {
            _problem = $"{TesseractApi.Library} could not be loaded: install libtesseract5 and tesseract-ocr-eng.";
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(TesseractLibrary).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == TesseractApi.Library ? _handle : IntPtr.Zero;

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr DlOpen(string file, int mode);
}
