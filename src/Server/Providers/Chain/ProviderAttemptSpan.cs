using System.Diagnostics;
using MedicalImaging.Server.Telemetry;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>
/// One span per provider attempt (retries included), from the service's one ActivitySource. Tags name the provider,
/// the model, the operation and the outcome only: never request content, so no patient data reaches a trace.
/// </summary>
public static class ProviderAttemptSpan
{
    /// <summary>The span's name.</summary>
    public const string Name = "provider.attempt";

    public static Activity? Start(ExternalProvider provider, string operation)
    {
        var activity = MedicalImagingTelemetry.ActivitySource.StartActivity(Name, ActivityKind.Client);
        activity?.SetTag("provider", provider.Name);
        activity?.SetTag("model", provider.Model);
        activity?.SetTag("operation", operation);
        return activity;
    }

    /// <summary>Ends the span with its outcome (an attempt-record outcome: success, timeout, rate_limited…).</summary>
    public static void End(Activity? activity, string outcome, string? servedModel = null)
    {
        if (activity is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(servedModel))
        {
            activity.SetTag("model", servedModel);
        }

        activity.SetTag("outcome", outcome);
        activity.SetStatus(outcome == "success" ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        activity.Dispose();
    }
}
