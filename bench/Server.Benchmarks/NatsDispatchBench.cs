using System.Diagnostics;
using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace MedicalImaging.Server.Benchmarks;

/// <summary>
/// What one NATS node on this machine gives the cluster (not a test): the round trip of each kind of coordination
/// call an analysis makes (a JetStream publish: job, event, report change; a KV put: checkpoint, rate limit; a pull +
/// ack: taking a job), and job dispatch throughput: jobs published to a work-queue stream and taken by W competing
/// workers, each acking after a (zero-cost) stage. Client and server share the machine, so the figures include both.
/// </summary>
public static class NatsDispatchBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "nats://127.0.0.1:4222";
        var jobs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5000;
        var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = "medimaging-bench" });
        await nats.ConnectAsync();
        var js = new NatsJSContext(nats);
        var run = Guid.NewGuid().ToString("N")[..8];
        var stream = $"BENCH_JOBS_{run}";
        await js.CreateStreamAsync(new StreamConfig(stream, [$"bench.{run}.>"]) { Retention = StreamConfigRetention.Workqueue, Storage = StreamConfigStorage.File });
        var kv = new NatsKVContext(js);
        var bucket = await kv.CreateStoreAsync(new NatsKVConfig($"bench_{run}") { Storage = NatsKVStorageType.File });
        try
        {
            var payload = new byte[300];
            await LatencyAsync("JetStream publish (job / event / report change)", 2000, async i =>
                (await js.PublishAsync($"bench.{run}.events", payload)).EnsureSuccess());
            await LatencyAsync("KV put (checkpoint / rate-limit counter)", 2000, async i =>
                await bucket.PutAsync($"k{i % 100}", payload));
            await LatencyAsync("Core request-reply ping", 2000, async _ => await nats.PingAsync());

            // Dispatch: publish the jobs (pipelined, 64 in flight), then W workers drain them with explicit acks.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var inFlight = new List<Task>(64);
            for (var i = 0; i < jobs; i++)
            {
                inFlight.Add(js.PublishAsync($"bench.{run}.jobs", payload).AsTask());
                if (inFlight.Count == 64)
                {
                    await Task.WhenAll(inFlight);
                    inFlight.Clear();
                }
            }

            await Task.WhenAll(inFlight);
            var published = watch.Elapsed;
            var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig("workers")
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                FilterSubject = $"bench.{run}.jobs",
                AckWait = TimeSpan.FromSeconds(30),
                MaxAckPending = 1000,
            });
            var taken = 0;
            watch.Restart();
            using var done = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var tasks = Enumerable.Range(0, workers).Select(async _ =>
            {
                // Each worker takes one job at a time (as a replica does) and acks it once done.
                while (Volatile.Read(ref taken) < jobs && !done.IsCancellationRequested)
                {
                    await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1 }, cancellationToken: done.Token))
                    {
                        await msg.AckAsync(new AckOpts { DoubleAck = true }, done.Token);
                        if (Interlocked.Increment(ref taken) >= jobs)
                        {
                            await done.CancelAsync();
                        }
                    }
                }
            }).ToList();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch (OperationCanceledException)
            {
            }

            var drained = watch.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dispatch: {jobs} jobs published in {published.TotalMilliseconds:F0} ms ({jobs / published.TotalSeconds:F0}/s, 64 in flight); "
                + $"taken and acked by {workers} workers (1 at a time, double ack) in {drained.TotalMilliseconds:F0} ms ({taken / drained.TotalSeconds:F0} jobs/s); "
                + $"client CPU {cpuUsed.TotalMilliseconds:F0} ms ({cpuUsed.TotalMilliseconds * 1000 / (2.0 * jobs):F0} µs per publish+take)"));
        }
        finally
        {
            await js.DeleteStreamAsync(stream);
            await kv.DeleteStoreAsync($"bench_{run}");
        }

        return 0;
    }

    private static async Task LatencyAsync(string name, int count, Func<int, Task> call)
    {
        for (var i = 0; i < 100; i++)
        {
            await call(i);
        }

        var samples = new double[count];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {samples[count / 2]:F0} µs, p99 {samples[count * 99 / 100]:F0} µs, client CPU {cpuUsed.TotalMicroseconds / count:F0} µs per call ({count} sequential calls)"));
    }
}
