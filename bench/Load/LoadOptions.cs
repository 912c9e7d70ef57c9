using System.Globalization;

namespace MedicalImaging.Load;

/// <summary>The command line of the load tool. Defaults are the measurement: REST, 500 streams, the 512² sample PNG.</summary>
internal sealed record LoadOptions
{
    /// <summary>A running server's gRPC or REST base address; unset: the tool starts its own Release server.</summary>
    public Uri? Target { get; init; }

    /// <summary>Bearer token for <see cref="Target"/> (else MEDIMG_TOKEN).</summary>
    public string? Token { get; init; }

    /// <summary>Process id of the server at <see cref="Target"/>, to read its CPU time and RSS from /proc (optional).</summary>
    public int? ServerPid { get; init; }

    /// <summary>The server build to start; default src/Server.Host/bin/Release/net10.0/medimaging-server.dll of this checkout.</summary>
    public string? ServerDll { get; init; }

    /// <summary>gRPC through the .NET SDK instead of REST NDJSON through HttpClient.</summary>
    public bool Grpc { get; init; }

    public string Image { get; init; } = "samples/chest-phantom.png";
    public int Warmup { get; init; } = 30;
    public int Sequential { get; init; } = 200;
    public int Concurrency { get; init; } = 500;

    /// <summary>Analyses of the concurrent phase (each stream takes the next until none are left). Default: 2 × concurrency.</summary>
    public int ConcurrentTotal { get; init; }

    /// <summary>Extra server settings (NAME=VALUE), laid over the tool's.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public const string Usage = """
        dotnet run -c Release --project bench/Load -- [options]
          --grpc                 gRPC through the .NET SDK (default: REST NDJSON through HttpClient)
          --image PATH           image to analyse (default samples/chest-phantom.png)
          --warmup N             warm-up analyses (default 30)
          --sequential N         analyses one after another (default 200; 0 skips the phase)
          --concurrency N        concurrent streams (default 500; 0 skips the phase)
          --total N              analyses of the concurrent phase (default 2 x concurrency)
          --set NAME=VALUE       extra server setting (repeatable), e.g. --set MAX_CONCURRENT_ANALYSES=4
          --server-dll PATH      server build to start (default: this checkout's Release build)
          --target URL           aim at a running server (REST or gRPC base address) instead of starting one
          --token TOKEN          bearer token for --target (default: $MEDIMG_TOKEN)
          --pid PID              server process id for --target, to report its CPU and RSS
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number, got '{args[i]}'.");
            options = args[i] switch
            {
                "--grpc" => options with { Grpc = true },
                "--image" => options with { Image = Next() },
                "--warmup" => options with { Warmup = NextInt() },
                "--sequential" => options with { Sequential = NextInt() },
                "--concurrency" => options with { Concurrency = NextInt() },
                "--total" => options with { ConcurrentTotal = NextInt() },
                "--server-dll" => options with { ServerDll = Next() },
                "--target" => options with { Target = new Uri(Next()) },
                "--token" => options with { Token = Next() },
                "--pid" => options with { ServerPid = NextInt() },
                "--set" => AddSetting(options, settings, Next()),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return options with
        {
            Settings = settings,
            ConcurrentTotal = options.ConcurrentTotal > 0 ? options.ConcurrentTotal : 2 * options.Concurrency,
            Token = options.Token ?? Environment.GetEnvironmentVariable("MEDIMG_TOKEN"),
        };
    }

    private static LoadOptions AddSetting(LoadOptions options, Dictionary<string, string> settings, string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ArgumentException($"--set needs NAME=VALUE, got '{pair}'.");
        }

        settings[pair[..eq]] = pair[(eq + 1)..];
        return options;
    }
}
