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
    private string? _warning;

    public ExternalProvider(
        string name, string model, Profiles.ProviderProfile profile, IChatClient client, ResiliencePipeline pipeline,
        CircuitBreakerStateProvider circuit, CircuitBreakerManualControl control, TimeSpan longCooldown, TimeProvider time)
    {
        Name = name;
        Model = model;
        Profile = profile;
        Dialect = profile.ErrorDialect;
        // Every failure leaves the client classified by this provider's documented error shapes.
        Client = new ProviderErrorChatClient(client, name, model, Dialect, time);
        Pipeline = pipeline;
        Circuit = circuit;
        Control = control;
        _longCooldown = longCooldown;
        _time = time;
    }

    public string Name { get; }

    public string Model { get; }

    /// <summary>Whose documented error shapes this provider answers in (<see cref="ProviderDialect"/>; the profile's <c>errorDialect</c>).</summary>
    public string Dialect { get; }

    /// <summary>What the operator should change (e.g. a retired model's setting); null once the provider answers again.</summary>
    public string? Warning => Volatile.Read(ref _warning);

    /// <summary>What this provider accepts: image budget, parameters, structured-output mode, error dialect.</summary>
    public Profiles.ProviderProfile Profile { get; }

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

    /// <summary>The provider answered: whatever it warned about is over.</summary>
    public void Answered() => Volatile.Write(ref _warning, null);

    /// <summary>
    /// A credential, payment, daily-quota or retired-model failure will not heal in seconds: hold the circuit open
    /// for the long cool-down at once, instead of waiting for a failure ratio. A failure about this request only
    /// (a moderation flag) holds nothing: other requests still go to the provider.
    /// </summary>
    public void HoldOpenAfter(ProviderFailure failure)
    {
        if (failure.HealthWarning is not null)
        {
            Volatile.Write(ref _warning, failure.HealthWarning);
        }

        if (!failure.LongCooldown || failure.RequestSpecific)
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
