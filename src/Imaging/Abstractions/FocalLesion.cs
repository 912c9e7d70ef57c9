namespace MedicalImaging.Imaging;

/// <summary>A focal bright blob found by the noise-relative lesion detector inside a lung field.</summary>
/// <param name="Region">Its box, 0..1 of the preprocessed image.</param>
/// <param name="Significance">Matched-filter response in units of that response's own robust noise σ (the test statistic compared with the threshold).</param>
/// <param name="ContrastGreyLevels">Mean excess of the blob over its lung surround, in grey levels of the preprocessed view.</param>
public sealed record FocalLesion(NormalizedBox Region, double Significance, double ContrastGreyLevels);
