using System.Diagnostics.Metrics;
using MedicalImaging.Server.Admission;
using MedicalImaging.Server.Health;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Server.Telemetry;

/// <summary>
/// Observable gauges read when metrics are collected, not kept up to date by the code they describe: admission's queue
/// depth, running analyses and memory reserved against the budget, and each provider's circuit state
/// (0 closed, 1 half open, 2 open).
/// </summary>
public sealed class OperationalGauges
{
    public OperationalGauges(IMeterFactory meters, AnalysisAdmission admission, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(admission);
        var meter = meters.Create(MedicalImagingTelemetry.SourceName);
        meter.CreateObservableGauge("medimaging.admission.queue.depth", () => admission.Waiting, "{analysis}", "Analyses waiting for memory or a slot");
        meter.CreateObservableGauge("medimaging.admission.running", () => admission.Running, "{analysis}", "Analyses running now");
        meter.CreateObservableGauge("medimaging.admission.memory.reserved", () => admission.ReservedBytes, "By", "Memory reserved by running analyses");
        meter.CreateObservableGauge("medimaging.admission.memory.budget", () => admission.BudgetBytes, "By", "Memory all running analyses may hold together (ANALYSIS_MEMORY_BUDGET_MB)");

        // Resolved at the first collection: the provider chain is built by then, and building it here could form a cycle.
        var health = new Lazy<IProviderHealthSource>(services.GetRequiredService<IProviderHealthSource>);
        meter.CreateObservableGauge("medimaging.provider.circuit.state", () => health.Value.GetProviders().Select(p =>
            new Measurement<int>(CircuitValue(p.CircuitState), new KeyValuePair<string, object?>("provider", p.Name))),
            "{state}", "Circuit breaker state per provider: 0 closed, 1 half open, 2 open");
    }

    private static int CircuitValue(string state) => state switch
    {
        "open" => 2,
        "half_open" => 1,
        _ => 0,
    };
}
