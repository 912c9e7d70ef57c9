namespace MedicalImaging.Imaging.Preprocessing;

/// <summary>Which preprocessing an image gets, from its metadata.</summary>
internal enum ModalityRoute
{
    Generic,
    Ct,
    Mr,
    Radiograph,
    Ultrasound,
    Pet,
}
