using System.Runtime.InteropServices;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// The parts of Tesseract's C API (capi.h, Debian's libtesseract5) the detector needs. The library is
/// named by its soname: Debian ships no unversioned symlink without the -dev package.
/// </summary>
internal static partial class TesseractApi
{
    public const string Library = "libtesseract.so.5";

    /// <summary>PSM_SPARSE_TEXT: find as much text as possible in no particular order (overlays, labels).</summary>
    public const int PageSegModeSparseText = 11;

    /// <summary>RIL_WORD.</summary>
    public const int LevelWord = 3;

    [LibraryImport(Library, EntryPoint = "TessBaseAPICreate")]
    public static partial IntPtr Create();

    [LibraryImport(Library, EntryPoint = "TessBaseAPIDelete")]
    public static partial void Delete(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIInit3", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Init3(IntPtr handle, string? dataPath, string language);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetPageSegMode")]
    public static partial void SetPageSegMode(IntPtr handle, int mode);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetVariable", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVariable(IntPtr handle, string name, string value);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetImage")]
    public static unsafe partial void SetImage(IntPtr handle, byte* data, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetSourceResolution")]
    public static partial void SetSourceResolution(IntPtr handle, int ppi);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIRecognize")]
    public static partial int Recognize(IntPtr handle, IntPtr monitor);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIClear")]
    public static partial void Clear(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIGetIterator")]
    public static partial IntPtr GetIterator(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorDelete")]
    public static partial void DeleteIterator(IntPtr iterator);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorNext")]
    public static partial int Next(IntPtr iterator, int level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorGetUTF8Text")]
    public static partial IntPtr GetUtf8Text(IntPtr iterator, int level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorConfidence")]
    public static partial float Confidence(IntPtr iterator, int level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorGetPageIteratorConst")]
    public static partial IntPtr GetPageIterator(IntPtr iterator);

    [LibraryImport(Library, EntryPoint = "TessPageIteratorBoundingBox")]
    public static partial int BoundingBox(IntPtr pageIterator, int level, out int left, out int top, out int right, out int bottom);

    [LibraryImport(Library, EntryPoint = "TessDeleteText")]
    public static partial void DeleteText(IntPtr text);
}
