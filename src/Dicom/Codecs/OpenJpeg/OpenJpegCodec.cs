using System.Globalization;
using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// JPEG 2000 (Part 1, J2K codestream or JP2 file) and High-Throughput JPEG 2000 (Part 15) through OpenJPEG 2.5
/// (apt libopenjp2-7), called directly: one codec object per call, no process-wide lock, the codestream read in place
/// and the component planes written straight into the frame.
/// </summary>
public sealed unsafe class OpenJpegCodec : IDicomFrameCodec
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        NativeLibraries.Register(typeof(OpenJpegCodec).Assembly);
        return NativeLibraries.TryLoad(NativeLibraries.OpenJpeg) != IntPtr.Zero;
    });

    private static int s_inFlight;

    private readonly int _maxThreadsPerFrame;

    /// <param name="maxThreadsPerFrame">
    /// OpenJPEG worker threads for one frame, at most <see cref="Environment.ProcessorCount"/> (the default). The processors
    /// are shared between the calls in flight in the process (two at once get half each), and a frame-parallel
    /// <see cref="DicomPixelDecoder.DecodeFrames"/> decodes each frame on its own thread only.
    /// </param>
    public OpenJpegCodec(int? maxThreadsPerFrame = null)
    {
        _maxThreadsPerFrame = Math.Clamp(maxThreadsPerFrame ?? Environment.ProcessorCount, 1, Environment.ProcessorCount);
    }

    /// <summary>True when libopenjp2 can be loaded.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <inheritdoc />
    public string Name => "openjpeg";

    /// <inheritdoc />
    public bool CanDecode(DicomTransferSyntax syntax) => syntax.Pixels is PixelEncoding.Jpeg2000 or PixelEncoding.HighThroughputJpeg2000;

    /// <summary>Declines subsampled components (not a DICOM layout; left to the next codec). Anything else is ours to decode or refuse.</summary>
    public bool CanDecodeFrame(ReadOnlySpan<byte> compressed, PixelDataInfo info) =>
        !J2kSizeHeader.TryRead(compressed, out var siz) || !siz.Subsampled;

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<byte> compressed, PixelDataInfo info, Span<byte> destination)
    {
        var hasSiz = J2kSizeHeader.TryRead(compressed, out var siz);
        if (hasSiz)
        {
            CheckGeometry(siz.Width, siz.Height, siz.Components, info);

            // OpenJPEG allocates a tile parameter block for every tile while reading the header: bound them by the pixels.
            if (siz.Tiles > 1 + (info.PixelCount / 1024))
            {
                throw Refuse(DicomTags.PixelData, $"the codestream declares {siz.Tiles} tiles for a {info.Columns}x{info.Rows} frame");
            }
        }

        var messages = new OpenJpegMessages();
        var handle = GCHandle.Alloc(messages);
        var codec = IntPtr.Zero;
        var stream = IntPtr.Zero;
        OpenJpegImage* image = null;
        var inFlight = Interlocked.Increment(ref s_inFlight);
        try
        {
            fixed (byte* data = compressed)
            {
                var source = new OpenJpegMemorySource { Data = data, Length = compressed.Length };
                codec = OpenJpegInterop.CreateDecompress(J2kSizeHeader.IsJp2File(compressed) ? OpenJpegInterop.CodecJp2 : OpenJpegInterop.CodecJ2k);
                if (codec == IntPtr.Zero)
                {
                    throw new InvalidOperationException("opj_create_decompress failed");
                }

                Check(OpenJpegInterop.SetErrorHandler(codec, &OpenJpegMessages.OnError, GCHandle.ToIntPtr(handle)), "installing the error handler", messages);
                Check(OpenJpegInterop.SetWarningHandler(codec, &OpenJpegMessages.OnWarning, GCHandle.ToIntPtr(handle)), "installing the warning handler", messages);
                OpenJpegDecoderParameters parameters;
                OpenJpegInterop.SetDefaultDecoderParameters(&parameters);
                Check(OpenJpegInterop.SetupDecoder(codec, &parameters), "setting up the decoder", messages);

                // One frame among several of a frame-parallel DecodeFrames: this thread only (measured faster than
                // splitting every frame too). Otherwise the processors are shared between the calls decoding now (this
                // one included). 0 = no worker threads, which also overrides an OPJ_NUM_THREADS in the environment. A
                // library without thread support says false and decodes on this thread.
                var threads = FrameParallelism.IsActive ? 1 : Math.Max(1, _maxThreadsPerFrame / inFlight);
                _ = OpenJpegInterop.SetThreads(codec, threads > 1 ? threads : 0);

                stream = OpenJpegInterop.StreamCreate((nuint)Math.Clamp(compressed.Length, 1, OpenJpegInterop.StreamChunkSize), 1);
                if (stream == IntPtr.Zero)
                {
                    throw new InvalidOperationException("opj_stream_create failed");
                }

                OpenJpegInterop.StreamSetRead(stream, &OpenJpegMemorySource.Read);
                OpenJpegInterop.StreamSetSkip(stream, &OpenJpegMemorySource.Skip);
                OpenJpegInterop.StreamSetSeek(stream, &OpenJpegMemorySource.Seek);
                OpenJpegInterop.StreamSetUserData(stream, (IntPtr)(&source), IntPtr.Zero);
                OpenJpegInterop.StreamSetUserDataLength(stream, (ulong)compressed.Length);

                Check(OpenJpegInterop.ReadHeader(stream, codec, &image), "reading the main header", messages);
                CheckImage(image, info, decoded: false);
                Check(OpenJpegInterop.Decode(codec, stream, image), "decoding", messages);
                Check(OpenJpegInterop.EndDecompress(codec, stream), "reading the end of the codestream", messages);
                CheckImage(image, info, decoded: true);
                OpenJpegSampleWriter.Write(image, info, destination);
            }
        }
        finally
        {
            Interlocked.Decrement(ref s_inFlight);
            if (image != null)
            {
                OpenJpegInterop.ImageDestroy(image);
            }

            if (stream != IntPtr.Zero)
            {
                OpenJpegInterop.StreamDestroy(stream);
            }

            if (codec != IntPtr.Zero)
            {
                OpenJpegInterop.DestroyCodec(codec);
            }

            handle.Free();
        }

        // OpenJPEG applies the codestream's inverse component transform: YBR_RCT/YBR_ICT come out as RGB.
        return info.SamplesPerPixel == 3 && info.Photometric is "YBR_RCT" or "YBR_ICT" ? "RGB" : info.Photometric;
    }

    private static void CheckGeometry(long width, long height, long components, PixelDataInfo info)
    {
        if (width != info.Columns || height != info.Rows)
        {
            throw Refuse(width != info.Columns ? DicomTags.Columns : DicomTags.Rows,
                $"the JPEG 2000 image is {width}x{height}; the header says {info.Columns}x{info.Rows} (columns x rows)");
        }

        if (components != info.SamplesPerPixel)
        {
            throw Refuse(DicomTags.SamplesPerPixel, $"the JPEG 2000 image has {components} components; the header says {info.SamplesPerPixel} samples per pixel");
        }
    }

    private static void CheckImage(OpenJpegImage* image, PixelDataInfo info, bool decoded)
    {
        if (image == null)
        {
            throw Refuse(DicomTags.PixelData, "OpenJPEG returned no image");
        }

        CheckGeometry((long)image->X1 - image->X0, (long)image->Y1 - image->Y0, image->ComponentCount, info);
        for (var c = 0; c < info.SamplesPerPixel; c++)
        {
            var component = image->Components[c];
            if (component.Dx != 1 || component.Dy != 1 || component.Width != info.Columns || component.Height != info.Rows)
            {
                throw Refuse(DicomTags.PixelData, string.Create(CultureInfo.InvariantCulture,
                    $"JPEG 2000 component {c} is {component.Width}x{component.Height} sampled every {component.Dx}x{component.Dy}; the frame is {info.Columns}x{info.Rows}"));
            }

            // Precision above Bits Stored is accepted (writers put 16 for 12-bit data; the normaliser keeps Bits Stored),
            // above Bits Allocated the samples cannot fit.
            if (component.Precision > info.BitsAllocated || component.Precision == 0)
            {
                throw Refuse(DicomTags.BitsAllocated, string.Create(CultureInfo.InvariantCulture,
                    $"JPEG 2000 component {c} has {component.Precision}-bit samples; the header says {info.BitsAllocated} bits allocated"));
            }

            if (decoded && component.Data == null)
            {
                throw Refuse(DicomTags.PixelData, string.Create(CultureInfo.InvariantCulture, $"OpenJPEG decoded no samples for component {c}"));
            }
        }
    }

    private static void Check(int ok, string step, OpenJpegMessages messages)
    {
        if (ok == 0)
        {
            throw Refuse(DicomTags.PixelData, $"JPEG 2000 (OpenJPEG) failed {step}: {messages.Describe()}");
        }
    }

    private static DicomFormatException Refuse(DicomTag tag, string what) => new(tag, -1, what);
}
