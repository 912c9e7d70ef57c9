using System.Net;
using MedicalImaging.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;

namespace MedicalImaging.Server.Outbound;

/// <summary>
/// The named HttpClients of every outbound call but PubMed's (registered with its throttle in the pipeline):
/// one place where timeouts and retries of the network are decided, through IHttpClientFactory and
/// Microsoft.Extensions.Http.Resilience. Each client has its own handler chain, so a stalled Neo4j cannot hold
/// a provider's connections and the other way round.
/// </summary>
public static class OutboundHttpClients
{
    /// <summary>The OpenAI-compatible chat providers (Gemini, OpenRouter, Groq).</summary>
    public const string ProvidersClientName = "providers";

    /// <summary>An OpenAI-compatible embeddings endpoint (EMBEDDING_PROVIDER=openai).</summary>
    public const string EmbeddingsClientName = "embeddings";

    /// <summary>The Neo4j HTTP API client (the report store).</summary>
    public const string Neo4jClientName = "neo4j";

    /// <summary>Longest one embeddings request may take before it is abandoned (and retried when retries remain).</summary>
    public static readonly TimeSpan EmbeddingsAttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the "neo4j" client fails fast after most of its recent calls failed.</summary>
    public static readonly TimeSpan Neo4jCircuitBreak = TimeSpan.FromSeconds(10);

    /// <summary>Registers the "embeddings" and "providers" clients (the "neo4j" one comes with the report storage).</summary>
    public static IServiceCollection AddOutboundHttpClients(this IServiceCollection services)
    {
        // Polly logs each failed attempt of these clients at warning or error level with a stack trace. Their callers
        // handle the outcome and log it once (a store outage sends the report to the outbox; an embedding failure
        // fails its stage), so the attempts are debug detail, a retry or an attempt timeout is information, and a circuit
        // opening (Neo4j down) is the one warning.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args => args.Event.EventName switch
        {
            "ExecutionAttempt" => ResilienceEventSeverity.Debug,
            "OnRetry" or "OnTimeout" or "OnCircuitHalfOpened" or "OnCircuitClosed" => ResilienceEventSeverity.Information,
            "OnCircuitOpened" => ResilienceEventSeverity.Warning,
            _ => args.Event.Severity,
        });
        services.AddHttpClient(EmbeddingsClientName)
            .ConfigurePrimaryHttpMessageHandler(() => NewSocketsHandler(TimeSpan.FromSeconds(10)))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(EmbeddingsClientName, (pipeline, context) =>
            {
                var maxRetries = context.ServiceProvider.GetRequiredService<IOptions<MedicalImagingOptions>>().Value.MaxRetries;
                pipeline.AddTimeout(EmbeddingsAttemptTimeout * (maxRetries + 1) + TimeSpan.FromSeconds(30));
                if (maxRetries > 0)
                {
                    // 429 and 5xx, refused connections and attempt timeouts; after the server's Retry-After when it sends one.
                    pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = maxRetries, Delay = TimeSpan.FromMilliseconds(500) });
                }

                pipeline.AddTimeout(EmbeddingsAttemptTimeout);
            });

        return services;
    }

    /// <summary>
    /// The "neo4j" client: a total timeout (NEO4J_TIMEOUT_SECONDS) over retries (NEO4J_MAX_RETRIES, on refused
    /// connections, 5xx, 408/429 and attempt timeouts) over a circuit breaker over an attempt timeout
    /// (NEO4J_ATTEMPT_TIMEOUT_SECONDS).
    /// POSTs are retried too: every statement set the repository sends is idempotent (see Neo4jReportRepository.SaveAsync).
    /// </summary>
    public static IServiceCollection AddNeo4jHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Neo4jClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => NewSocketsHandler(
                TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<Neo4jOptions>>().Value.AttemptTimeoutSeconds)))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(Neo4jClientName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<Neo4jOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = TimeSpan.FromMilliseconds(200),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        // Neo4j's 401 is final, and so is an open circuit (the write goes to the outbox); a 503 while starting is not.
                        ShouldHandle = args => ValueTask.FromResult(
                            args.Outcome.Result?.StatusCode != HttpStatusCode.Unauthorized && args.Outcome.Exception is not BrokenCircuitException
                            && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    });
                }

                // While Neo4j is down or stalled, fail fast instead of paying NEO4J_TIMEOUT_SECONDS on every call (twice per
                // analysis: the cache lookup and the write): the write goes straight to the outbox. One call is let
                // through every Neo4jCircuitBreakSeconds to see whether Neo4j is back.
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = Neo4jCircuitBreak,
                });

                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        return services;
    }

    /// <summary>The transport every outbound client uses: recycled pooled connections and a connect timeout.</summary>
    public static SocketsHttpHandler NewSocketsHandler(TimeSpan connectTimeout) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = connectTimeout,
    };
}
