using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Audit;

/// <summary>Who may read the audit trail: a caller whose token carries the AUDIT_ADMIN_ROLE role claim.</summary>
public sealed class AuditAdmin
{
    private readonly string _role;

    public AuditAdmin(IOptions<AuditOptions> options) => _role = options.Value.AdminRole;

    /// <summary>The role that grants access (AUDIT_ADMIN_ROLE).</summary>
    public string Role => _role;

    public bool IsAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && AuditCallRecorder.Roles(user).Contains(_role, StringComparer.Ordinal);
    }
}
