namespace MedicalImaging.Server.Providers.Fitting;

/// <summary>The images that fit a provider's budget (a prefix of the request's images, in order) and how many were left out.</summary>
public sealed record FittedImages(IReadOnlyList<FittedImage> Images, int Dropped);
