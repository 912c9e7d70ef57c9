using System.Runtime.InteropServices;

namespace MedicalImaging.Dicom;

/// <summary>
/// opj_dparameters_t, opaque: 8252 bytes in 2.5.0 (two 4096-byte path buffers among them). Only filled by
/// opj_set_default_decoder_parameters and handed back to opj_setup_decoder.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 8252)]
internal struct OpenJpegDecoderParameters
{
    /// <summary>cp_reduce: highest resolution levels discarded (0: full resolution).</summary>
    public uint Reduce;

    /// <summary>cp_layer: quality layers decoded (0: all).</summary>
    public uint Layers;
}
