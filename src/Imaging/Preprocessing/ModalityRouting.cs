namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>Chooses the <see cref="ModalityRoute"/> of an image.</summary>
internal static class ModalityRouting
{
    public static ModalityRoute For(DecodedImage image)
    {
        var metadata = image.Metadata;
        if (metadata.IsHounsfield && image.Channels == 1)
        {
            return ModalityRoute.Ct;
        }

        return metadata.Modality.ToUpperInvariant() switch
        {
            "MR" => ModalityRoute.Mr,
            "CR" or "DX" or "MG" or "RG" or "DR" or "RF" or "XA" => ModalityRoute.Radiograph,
            "US" => ModalityRoute.Ultrasound,
            "PT" or "PET" or "NM" => ModalityRoute.Pet,
            _ => ModalityRoute.Generic,
        };
    }
}
