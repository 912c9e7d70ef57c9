using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace MedicalImaging.Server.Providers.Chain;

/// <summary>One external provider: its chat client, its resilience pipeline and its health.</summary>
public sealed class ExternalProvider : IDisposable
{
    private readonly TimeSpan _longCooldown;
    private readonly TimeProvider _time;
    private readonly Lock _holdLock = new();
    private ITimer? _release;
    private long _openUntilTicks;

    public ExternalProvider(
        string name, string model, IChatClient client, ResiliencePipeline pipeline,
        CircuitBreakerStateProvider circuit, CircuitBreakerManualControl control, TimeSpan longCooldown, TimeProvider time)
    {
        Name = name;
        Model = model;
        Client = client;
        Pipeline = pipeline;
        Circuit = circuit;
        Control = control;
        _longCooldown = longCooldown;
        _time = time;
    }

    public string Name { get; }

    public string Model { get; }

    /// <summary>What this provider accepts: image budget, parameters, structured-output mode, error dialect.</summary>
    public required Profiles.ProviderProfile Profile { get; init; }

    public IChatClient Client { get; }

    /// <summary>Rate limiter → retry → circuit breaker → per-attempt timeout.</summary>
    public ResiliencePipeline Pipeline { get; }

    public CircuitBreakerStateProvider Circuit { get; }

    public CircuitBreakerManualControl Control { get; }

    public OutcomeWindow Outcomes { get; } = new();

    /// <summary>
    /// True while calls are blocked: held open after a credential/payment/quota failure, or open and its
    /// break not yet over (after the break the next call is the half-open trial, so it is not blocked).
    /// </summary>
    public bool IsBlocked => Circuit.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks),
        _ => false,
    };

    /// <summary>Called by the circuit breaker when it opens.</summary>
    public void OnOpened(TimeSpan breakDuration) =>
        Interlocked.Exchange(ref _openUntilTicks, (_time.GetUtcNow() + breakDuration).UtcTicks);

    /// <summary>
    /// A credential, payment or quota failure will not heal in seconds: hold the circuit open for the
    /// long cool-down at once, instead of waiting for a failure ratio.
    /// </summary>
    public void HoldOpenAfter(ProviderFailure failure)
    {
        if (!failure.LongCooldown)
        {
            return;
        }

        lock (_holdLock)
        {
            _release?.Dispose();
            _ = Control.IsolateAsync();
            _release = _time.CreateTimer(_ => _ = Control.CloseAsync(), null, _longCooldown, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _release?.Dispose();
        Client.Dispose();
    }
}
