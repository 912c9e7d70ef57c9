namespace MedicalImaging.Server.Security;

/// <summary>
/// The service's own authentication scheme and authorization policy. Named, and never made the application's default,
/// so that an application mounting the service keeps its own default scheme (cookies, its own bearer scheme) and
/// policies: the service's endpoints ask for this policy, which authenticates with this scheme alone.
/// </summary>
public static class MedicalImagingAuthentication
{
    /// <summary>The JWT bearer scheme of the service.</summary>
    public const string Scheme = "MedicalImaging";

    /// <summary>The policy on every endpoint of the service: an authenticated caller of <see cref="Scheme"/> (anonymous RPCs still allow anyone).</summary>
    public const string Policy = "MedicalImaging";
}
