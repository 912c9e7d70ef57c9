using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>One external provider: its chat client, its resilience pipeline and its health.</summary>
public sealed class ExternalProvider : IDisposable
{
    public ExternalProvider(string name, string model, IChatClient client, ResiliencePipeline pipeline, CircuitBreakerStateProvider circuit)
    {
        Name = name;
        Model = model;
        Client = client;
        Pipeline = pipeline;
        Circuit = circuit;
    }

    public string Name { get; }

    public string Model { get; }

    public IChatClient Client { get; }

    /// <summary>Rate limiter → retry → circuit breaker → per-attempt timeout.</summary>
    public ResiliencePipeline Pipeline { get; }

    public CircuitBreakerStateProvider Circuit { get; }

    public OutcomeWindow Outcomes { get; } = new();

    public void Dispose() => Client.Dispose();
}
