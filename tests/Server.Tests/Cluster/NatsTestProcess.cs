using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// A real nats-server (Debian's, JetStream on) on a free loopback port with its own store directory, for one test.
/// Can be stopped and started again on the same port and store (a NATS outage and its end).
/// </summary>
internal sealed class NatsTestProcess : IAsyncDisposable
{
    private readonly string _storeDirectory;
    private Process? _process;

    private NatsTestProcess(int port, int monitorPort, string storeDirectory)
    {
        Port = port;
        MonitorPort = monitorPort;
        _storeDirectory = storeDirectory;
    }

    public int Port { get; }

    /// <summary>The HTTP monitoring port (/varz counts messages in and out).</summary>
    public int MonitorPort { get; }

    /// <summary>NATS_URL of this server.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    public static async Task<NatsTestProcess> StartAsync()
    {
        var nats = new NatsTestProcess(FreePort(), FreePort(), Directory.CreateTempSubdirectory("medimg-nats-").FullName);
        await nats.RestartAsync();
        return nats;
    }

    /// <summary>Starts the server (again), ready when its client port accepts connections.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nats-server") ? "/usr/sbin/nats-server" : "nats-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", MonitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", _storeDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start (apt install nats-server; scripts/install-deps.sh does)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    /// <summary>Messages the server has received and sent since it started (its /varz in_msgs, out_msgs).</summary>
    public async Task<(long In, long Out)> MessageCountsAsync()
    {
        using var http = new HttpClient();
        using var varz = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{MonitorPort}/varz")));
        return (varz.RootElement.GetProperty("in_msgs").GetInt64(), varz.RootElement.GetProperty("out_msgs").GetInt64());
    }

    /// <summary>kill -9 the server (an outage).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_storeDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
