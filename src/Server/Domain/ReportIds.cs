using System.Security.Cryptography;
using System.Text;

namespace MedicalImaging.Server.Domain;

/// <summary>
/// An analysis's report id, derived from the analysis id: the analysis id is the idempotency key of its
/// report, so a resumed analysis (a crash between "report stored" and "job done") finds its report stored
/// under the same id instead of writing a second one.
/// </summary>
public static class ReportIds
{
    /// <summary>rpt_ + the analysis id's random part (ana_x → rpt_x); any other id shape is hashed to that form.</summary>
    public static string ForAnalysis(string analysisId) =>
        IdGenerator.IsWellFormed(analysisId, "ana")
            ? "rpt_" + analysisId[4..]
            : "rpt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(analysisId)))[..24];
}
