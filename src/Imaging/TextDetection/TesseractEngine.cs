using System.Runtime.InteropServices;
using OpenCvSharp;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// One initialised TessBaseAPI (English, sparse-text segmentation). A TessBaseAPI is not thread-safe
/// and costs tens of milliseconds to initialise, so engines are pooled (<see cref="TesseractEnginePool"/>)
/// and each is used by one thread at a time.
/// </summary>
internal sealed class TesseractEngine : IDisposable
{
    private IntPtr _handle;

    private TesseractEngine(IntPtr handle) => _handle = handle;

    /// <summary>Creates and initialises an engine; throws <see cref="TextDetectionUnavailableException"/> when Tesseract or its English model is missing.</summary>
    public static TesseractEngine Create(string? dataPath)
    {
        if (!TesseractLibrary.TryLoad(out var problem))
        {
            throw new TextDetectionUnavailableException(problem ?? "Tesseract could not be loaded.");
        }

        var handle = TesseractApi.Create();

        // Tesseract's diagnostics go to stderr unless told otherwise; nothing it prints is needed.
        TesseractApi.SetVariable(handle, "debug_file", "/dev/null");
        if (TesseractApi.Init3(handle, dataPath, "eng") != 0)
        {
            TesseractApi.Delete(handle);
            throw new TextDetectionUnavailableException(
                $"Tesseract could not load its English model from {dataPath ?? "the default tessdata folder"}: install tesseract-ocr-eng.");
        }

        TesseractApi.SetPageSegMode(handle, TesseractApi.PageSegModeSparseText);
        return new TesseractEngine(handle);
    }

    /// <summary>Reads the words of an 8-bit grey image; boxes are in that image's coordinates.</summary>
    public unsafe List<TextRegion> ReadWords(Mat grey)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        if (grey.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException("Expected an 8-bit single-channel image.", nameof(grey));
        }

        var words = new List<TextRegion>();
        TesseractApi.SetImage(_handle, (byte*)grey.Data, grey.Width, grey.Height, 1, (int)grey.Step());
        // Screen-like images carry no resolution; 300 ppi keeps Tesseract's size priors sane and quiet.
        TesseractApi.SetSourceResolution(_handle, 300);
        try
        {
            if (TesseractApi.Recognize(_handle, IntPtr.Zero) != 0)
            {
                return words;
            }

            var iterator = TesseractApi.GetIterator(_handle);
            if (iterator == IntPtr.Zero)
            {
                return words;
            }

            try
            {
                var page = TesseractApi.GetPageIterator(iterator);
                do
                {
                    var textPointer = TesseractApi.GetUtf8Text(iterator, TesseractApi.LevelWord);
                    if (textPointer == IntPtr.Zero)
                    {
                        continue;
                    }

                    var text = Marshal.PtrToStringUTF8(textPointer) ?? string.Empty;
                    TesseractApi.DeleteText(textPointer);
                    var confidence = TesseractApi.Confidence(iterator, TesseractApi.LevelWord);
                    if (TesseractApi.BoundingBox(page, TesseractApi.LevelWord, out var left, out var top, out var right, out var bottom) != 0)
                    {
                        words.Add(new TextRegion(left, top, right - left, bottom - top, confidence, text.Trim(), "ocr"));
                    }
                }
                while (TesseractApi.Next(iterator, TesseractApi.LevelWord) != 0);
            }
            finally
            {
                TesseractApi.DeleteIterator(iterator);
            }

            return words;
        }
        finally
        {
            TesseractApi.Clear(_handle);
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            TesseractApi.Delete(handle);
        }
    }
}
