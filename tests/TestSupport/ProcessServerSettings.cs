using System.Globalization;
using MedicalImaging.Tests.Support.Fakes;

namespace MedicalImaging.Tests.Support;

/// <summary>The settings of the tests that stop and restart real server processes around a (slow) fake provider.</summary>
public static class ProcessServerSettings
{
    /// <summary>
    /// Gemini only, at <paramref name="gemini"/> (no retries, so a test counts provider calls exactly), data in
    /// <paramref name="dataDirectory"/> so a restart finds the analysis, and a shutdown grace that outlasts the fake's delay.
    /// </summary>
    public static Dictionary<string, string> WithFakeGemini(FakeChatProvider gemini, string dataDirectory, int graceSeconds = 20) => new()
    {
        ["MEDICAL_IMAGING_DATA_DIR"] = dataDirectory,
        ["GEMINI_API_KEY"] = "gemini-test-key",
        ["GEMINI_BASE_URL"] = gemini.BaseAddress.ToString(),
        ["OPENROUTER_API_KEY"] = "",
        ["GROQ_API_KEY"] = "",
        ["PROVIDER_TIMEOUT_SECONDS"] = "30",
        ["MAX_RETRIES"] = "0",
        ["SHUTDOWN_GRACE_SECONDS"] = graceSeconds.ToString(CultureInfo.InvariantCulture),
    };
}
