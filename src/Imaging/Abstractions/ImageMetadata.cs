namespace MedicalImaging.Imaging;

/// <summary>
/// Non-identifying facts about an image that preprocessing and analysis need.
/// Never holds a name, identifier, date of birth or UID: this record may reach an AI provider.
/// </summary>
public sealed record ImageMetadata
{
    /// <summary>DICOM modality code (CT, MR, CR, DX, US, PT, MG, XA…); "OT" when unknown (PNG/JPEG without a hint).</summary>
    public string Modality { get; init; } = "OT";

    /// <summary>Body Part Examined (e.g. CHEST, HEAD, ABDOMEN) when known.</summary>
    public string? BodyPart { get; init; }

    /// <summary>png, jpeg or dicom.</summary>
    public string SourceFormat { get; init; } = "png";

    /// <summary>MONOCHROME1, MONOCHROME2, RGB… (after decoding, YBR is delivered as RGB).</summary>
    public string PhotometricInterpretation { get; init; } = "MONOCHROME2";

    /// <summary>True when <see cref="DecodedImage.Pixels"/> are Hounsfield units (CT with rescale applied).</summary>
    public bool IsHounsfield { get; init; }

    /// <summary>Bits stored per sample in the source (8 for ordinary PNG/JPEG).</summary>
    public int BitsStored { get; init; } = 8;

    /// <summary>Row spacing in mm (distance between rows), when known.</summary>
    public double? PixelSpacingRowMm { get; init; }

    /// <summary>Column spacing in mm, when known.</summary>
    public double? PixelSpacingColumnMm { get; init; }

    /// <summary>Slice thickness in mm, when known.</summary>
    public double? SliceThicknessMm { get; init; }

    /// <summary>Window centre from the file (first value), in output units.</summary>
    public double? WindowCenter { get; init; }

    /// <summary>Window width from the file (first value), in output units.</summary>
    public double? WindowWidth { get; init; }

    /// <summary>Frames in the source object.</summary>
    public int FrameCount { get; init; } = 1;

    /// <summary>The frame this image is (0-based).</summary>
    public int FrameIndex { get; init; }

    /// <summary>Study description (free text; de-identified view only).</summary>
    public string? StudyDescription { get; init; }

    /// <summary>Series description (free text; de-identified view only).</summary>
    public string? SeriesDescription { get; init; }

    /// <summary>PET: patient weight in kg (needed for SUVbw).</summary>
    public double? PatientWeightKg { get; init; }

    /// <summary>PET: injected dose in Bq.</summary>
    public double? RadionuclideTotalDoseBq { get; init; }

    /// <summary>PET: radionuclide half-life in seconds.</summary>
    public double? RadionuclideHalfLifeSeconds { get; init; }

    /// <summary>PET: seconds from injection to acquisition start (decay correction), when derivable.</summary>
    public double? SecondsFromInjectionToAcquisition { get; init; }

    /// <summary>PET: Units (BQML, CNTS…).</summary>
    public string? PetUnits { get; init; }

    /// <summary>
    /// DICOM (0028,0301) Burned In Annotation: true for YES, false for NO, null when absent, unreadable
    /// or not DICOM (a PNG/JPEG says nothing, so it may carry text).
    /// </summary>
    public bool? BurnedInAnnotation { get; init; }
}
